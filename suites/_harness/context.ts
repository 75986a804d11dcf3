/**
 * Per-process run context: the CLI's RunConfig and secrets, read once, and the shared connection pool.
 * Spec files read it at load time (dialects, options), fixtures at run time.
 */
import { readFileSync } from 'node:fs';
import { readRunConfig, RUN_ENV, type Dialect, type RunConfig, type RunSecrets } from '../../core/run-config.js';
import { createAgent, createScimClient, type ScimClient, type TokenProvider } from '../../core/client/scim-client.js';
import { clientCredentialsProvider, staticToken } from '../../core/client/oauth.js';
import { createRedactor, type Redactor } from '../../core/redact.js';

interface RunContext {
  config: RunConfig;
  secrets: RunSecrets;
  redactor: Redactor;
  token: TokenProvider | undefined;
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
  let token: TokenProvider | undefined;
  if (config.oauth && secrets.clientSecret) {
    token = clientCredentialsProvider({ ...config.oauth, clientSecret: secrets.clientSecret }, redactor);
  } else if (secrets.token) {
    token = staticToken(secrets.token);
  }
  const agent = createAgent({
    ...(config.caFile ? { ca: readFileSync(config.caFile) } : {}),
    insecure: config.insecure,
  });
  const client = createScimClient({
    baseUrl: config.url,
    ...(token ? { token } : {}),
    redactor,
    timeoutMs: config.timeoutMs,
    dispatcher: agent,
    // Entra retries 429/5xx later; we retry idempotent requests a little so one blip does not fail a check,
    // and every attempt stays in the evidence.
    retry: { maxAttempts: 3, maxDelayMs: 2_000 },
  });
  const context = { config, secrets, redactor, token, client };
  contexts.set(key, context);
  return context;
}

export function dialects(): Dialect[] {
  const d = runContext().config.dialect;
  return d === 'both' ? ['default', 'aadOptscim062020'] : [d];
}
