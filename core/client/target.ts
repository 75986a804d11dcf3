/**
 * One way to build the client for a target from its access settings, used by the harness (every check) and the
 * CLI (sweeping leftovers), so TLS, credentials, timeouts and retries are the same everywhere — including the
 * OAuth token endpoint, which goes through the same TLS settings.
 */
import { readFileSync } from 'node:fs';
import { clientCredentialsProvider, staticToken } from './oauth.js';
import { createAgent, createScimClient, type ScimClient, type TokenProvider } from './scim-client.js';
import type { Redactor } from '../redact.js';

export interface TargetAccess {
  url: string;
  token?: string | undefined;
  oauth?: { tokenUrl: string; clientId: string; clientSecret: string } | undefined;
  caFile?: string | undefined;
  insecure: boolean;
  timeoutMs: number;
}

export function createTargetClient(access: TargetAccess, redactor: Redactor): ScimClient {
  const dispatcher = createAgent({ ...(access.caFile ? { ca: readFileSync(access.caFile) } : {}), insecure: access.insecure });
  let token: TokenProvider | undefined;
  if (access.oauth) token = clientCredentialsProvider(access.oauth, redactor, { dispatcher, timeoutMs: access.timeoutMs });
  else if (access.token) token = staticToken(access.token);
  return createScimClient({
    baseUrl: access.url,
    ...(token ? { token } : {}),
    redactor,
    timeoutMs: access.timeoutMs,
    dispatcher,
    // Entra retries 429/5xx later; we retry idempotent requests a little so one blip does not decide a check,
    // and every attempt stays in the evidence.
    retry: { maxAttempts: 3, maxDelayMs: 2_000 },
  });
}
