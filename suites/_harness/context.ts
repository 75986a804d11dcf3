/**
 * Per-process run context: a target's RunConfig and the run's secrets, read once, and the client (one connection
 * pool per target). Spec files read the context at load time (dialects, options); checks get the client at run time.
 */
import { loadRunConfig, readRunSecrets, type Dialect, type RunConfig, type RunSecrets } from '../../core/run-config.js';
import type { ScimClient } from '../../core/client/scim-client.js';
import { inDialect } from '../../core/check-id.js';
import { createRedactor, type Redactor } from '../../core/redact.js';
import { primaryTarget, type RunTarget } from './targets.js';

interface RunContext {
  config: RunConfig;
  secrets: RunSecrets;
  redactor: Redactor;
}

const contexts = new Map<string, RunContext>();
const clients = new Map<string, Promise<ScimClient>>();

/** The context of `target` (default: the run's first target); the secrets are the run's, shared by its targets. */
export function runContext(target: RunTarget = primaryTarget()): RunContext {
  const existing = contexts.get(target.configFile);
  if (existing) return existing;
  const config = loadRunConfig(target.configFile);
  const secrets = readRunSecrets();
  const context = { config, secrets, redactor: createRedactor([secrets.token, secrets.clientSecret]) };
  contexts.set(target.configFile, context);
  return context;
}

/**
 * The client all checks of a target fork from (one connection pool per worker process). Imported on first use:
 * Playwright's runner loads every spec file to list the checks, and has no use for undici (about 140 ms to load).
 */
export function runClient(target: RunTarget = primaryTarget()): Promise<ScimClient> {
  let client = clients.get(target.configFile);
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
    clients.set(target.configFile, client);
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
