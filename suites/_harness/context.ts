/**
 * Per-process run context: the CLI's RunConfig and secrets, read once, and the client (one connection pool).
 * Spec files read it at load time (dialects, options), fixtures at run time.
 */
import { readFileSync } from 'node:fs';
import { readRunConfig, RUN_ENV, type Dialect, type RunConfig, type RunSecrets } from '../../core/run-config.js';
import type { ScimClient } from '../../core/client/scim-client.js';
import { createTargetClient } from '../../core/client/target.js';
import { createRedactor, type Redactor } from '../../core/redact.js';

interface RunContext {
  config: RunConfig;
  secrets: RunSecrets;
  redactor: Redactor;
  /** The client all checks fork from (one pool per worker process). */
  client: ScimClient;
}

const contexts = new Map<string, RunContext>();

/**
 * The defect-matrix self-test runs every defect in ONE Playwright invocation, a project per defect: env
 * SCIM_CONFORM_MATRIX names a JSON file mapping project names to RunConfig files. Outside it, one config.
 */
function configFileFor(projectName: string | undefined): string | undefined {
  const matrix = process.env.SCIM_CONFORM_MATRIX;
  if (!matrix || !projectName) return process.env[RUN_ENV.config];
  const projects = (JSON.parse(readFileSync(matrix, 'utf8')) as { projects: Record<string, string> }).projects;
  return projects[projectName] ?? process.env[RUN_ENV.config];
}

export function runContext(projectName?: string): RunContext {
  const file = configFileFor(projectName);
  const key = file ?? '';
  const existing = contexts.get(key);
  if (existing) return existing;
  const { config, secrets } = readRunConfig({ ...process.env, ...(file ? { [RUN_ENV.config]: file } : {}) });
  const redactor = createRedactor([secrets.token, secrets.clientSecret]);
  const client = createTargetClient({
    url: config.url,
    token: secrets.token,
    // OAuth wins when configured: that is how Entra authenticates to gallery apps.
    oauth: config.oauth && secrets.clientSecret ? { ...config.oauth, clientSecret: secrets.clientSecret } : undefined,
    caFile: config.caFile,
    insecure: config.insecure,
    timeoutMs: config.timeoutMs,
  }, redactor);
  const context = { config, secrets, redactor, client };
  contexts.set(key, context);
  return context;
}

export function dialects(): Dialect[] {
  const d = runContext().config.dialect;
  return d === 'both' ? ['default', 'aadOptscim062020'] : [d];
}
