/**
 * Per-process run context: the CLI's RunConfig and secrets, read once, and the client (one connection pool).
 * Spec files read the context at load time (dialects, options); checks get the client at run time.
 */
import { readFileSync } from 'node:fs';
import { readRunConfig, RUN_ENV, type Dialect, type RunConfig, type RunSecrets } from '../../core/run-config.js';
import type { ScimClient } from '../../core/client/scim-client.js';
import { inDialect } from '../../core/check-id.js';
import { createRedactor, type Redactor } from '../../core/redact.js';

interface RunContext {
  config: RunConfig;
  secrets: RunSecrets;
  redactor: Redactor;
}

const contexts = new Map<string, RunContext>();
const clients = new Map<string, Promise<ScimClient>>();

/**
 * The defect-matrix self-test tests every reference-app instance (clean, and one per defect) in ONE Playwright
 * project, so workers are shared instead of started per instance: env SCIM_CONFORM_MATRIX names a JSON file
 * mapping target names to RunConfig files, and check() declares each check once per target. Outside it, one
 * unnamed target and one config.
 */
let matrix: { targets: Record<string, string> } | null | undefined;
function matrixTargets(): Record<string, string> | undefined {
  const file = process.env.SCIM_CONFORM_MATRIX;
  matrix ??= file ? (JSON.parse(readFileSync(file, 'utf8')) as { targets: Record<string, string> }) : null;
  return matrix?.targets;
}

/** The targets every check runs against: `[undefined]` (the run's one target) unless the matrix names several. */
export function targetNames(): Array<string | undefined> {
  const targets = matrixTargets();
  return targets ? Object.keys(targets) : [undefined];
}

function configFileFor(target: string | undefined): string | undefined {
  return (target ? matrixTargets()?.[target] : undefined) ?? process.env[RUN_ENV.config];
}

export function runContext(target?: string): RunContext {
  const file = configFileFor(target);
  const key = file ?? '';
  const existing = contexts.get(key);
  if (existing) return existing;
  const { config, secrets } = readRunConfig({ ...process.env, ...(file ? { [RUN_ENV.config]: file } : {}) });
  const redactor = createRedactor([secrets.token, secrets.clientSecret]);
  const context = { config, secrets, redactor };
  contexts.set(key, context);
  return context;
}

/**
 * The client all checks of a target fork from (one connection pool per worker process). Imported on first use:
 * Playwright's runner loads every spec file to list the checks, and has no use for undici (about 140 ms to load).
 */
export function runClient(target?: string): Promise<ScimClient> {
  const key = configFileFor(target) ?? '';
  let client = clients.get(key);
  if (!client) {
    const { config, secrets, redactor } = runContext(target);
    client = import('../../core/client/target.js').then(({ createTargetClient }) => createTargetClient({
      url: config.url,
      token: secrets.token,
      // OAuth wins when configured: that is how Entra authenticates to gallery apps.
      oauth: config.oauth && secrets.clientSecret ? { ...config.oauth, clientSecret: secrets.clientSecret } : undefined,
      caFile: config.caFile,
      insecure: config.insecure,
      timeoutMs: config.timeoutMs,
    }, redactor));
    clients.set(key, client);
  }
  return client;
}

export function dialects(): Dialect[] {
  const d = runContext().config.dialect;
  return d === 'both' ? ['default', 'aadOptscim062020'] : [d];
}

/**
 * The ID of a per-dialect blocker as this run declares it: in `preferred` when the run tests that dialect, else in
 * the one it tests (a blocker always names a check that exists in the run).
 */
export function blockerIn(id: string, preferred: Dialect): string {
  const run = dialects();
  return inDialect(id, run.includes(preferred) ? preferred : run[0]);
}
