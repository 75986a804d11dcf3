/** The SCIM client the CLI itself uses (sweeping leftovers), configured like the harness's: same TLS and auth rules. */
import { readFileSync } from 'node:fs';
import { clientCredentialsProvider, staticToken } from '../core/client/oauth.js';
import { createAgent, createScimClient, type ScimClient, type TokenProvider } from '../core/client/scim-client.js';
import type { Redactor } from '../core/redact.js';

export interface TargetAccess {
  url: string;
  token?: string | undefined;
  oauth?: { tokenUrl: string; clientId: string; clientSecret: string } | undefined;
  caFile?: string | undefined;
  insecure: boolean;
  timeoutMs: number;
}

export function targetClient(access: TargetAccess, redactor: Redactor): ScimClient {
  let token: TokenProvider | undefined;
  if (access.oauth) token = clientCredentialsProvider(access.oauth, redactor);
  else if (access.token) token = staticToken(access.token);
  return createScimClient({
    baseUrl: access.url,
    ...(token ? { token } : {}),
    redactor,
    timeoutMs: access.timeoutMs,
    dispatcher: createAgent({ ...(access.caFile ? { ca: readFileSync(access.caFile) } : {}), insecure: access.insecure }),
    retry: { maxAttempts: 3, maxDelayMs: 2_000 },
  });
}
