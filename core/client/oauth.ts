/**
 * OAuth 2.0 client-credentials token provider, as Entra uses it for gallery apps: fetch at first use, renew
 * before expiry. The secret and every issued token are registered with the redactor before any recording.
 */
import { request, type Dispatcher } from 'undici';
import { TargetError } from '../errors.js';
import type { Redactor } from '../redact.js';
import type { TokenProvider } from './scim-client.js';

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number | undefined;
  tokenType: string | undefined;
  obtainedAt: number;
}

export interface TokenRequestOptions {
  /** The target's connection pool, so --ca / --insecure apply to the token endpoint too. */
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}

export async function fetchClientCredentialsToken(cc: ClientCredentials, redactor: Redactor, opts: TokenRequestOptions = {}): Promise<IssuedToken> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  redactor.addSecret(cc.clientSecret);
  const form = new URLSearchParams({ grant_type: 'client_credentials', ...(cc.scope ? { scope: cc.scope } : {}) });
  const basic = Buffer.from(`${encodeURIComponent(cc.clientId)}:${encodeURIComponent(cc.clientSecret)}`).toString('base64');
  redactor.addSecret(basic);
  let res;
  try {
    res = await request(cc.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}`, accept: 'application/json' },
      body: form.toString(),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
    });
  } catch (err) {
    throw new TargetError('TARGET_UNREACHABLE', `token endpoint ${redactor.url(cc.tokenUrl)} cannot be reached`, { cause: err });
  }
  const text = await res.body.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new TargetError('TARGET_BAD_BODY', `token endpoint answered ${res.statusCode} with a body that is not JSON`);
  }
  const token = json.access_token;
  if (typeof token === 'string') redactor.addSecret(token);
  if (res.statusCode !== 200 || typeof token !== 'string') {
    throw new TargetError('TARGET_SETUP', `token endpoint answered ${res.statusCode} without an access_token (${redactor.text(String(json.error ?? ''))})`);
  }
  return {
    accessToken: token,
    expiresIn: typeof json.expires_in === 'number' ? json.expires_in : Number(json.expires_in) || undefined,
    tokenType: typeof json.token_type === 'string' ? json.token_type : undefined,
    obtainedAt: Date.now(),
  };
}

/** Renews 60 s before expiry (or every 5 minutes when the endpoint gives no expires_in). */
export function clientCredentialsProvider(cc: ClientCredentials, redactor: Redactor, opts: TokenRequestOptions = {}): TokenProvider & { last(): IssuedToken | undefined } {
  let current: IssuedToken | undefined;
  let pending: Promise<IssuedToken> | undefined;
  const provider = async (): Promise<string> => {
    const lifetimeMs = ((current?.expiresIn ?? 300) - 60) * 1000;
    if (!current || Date.now() - current.obtainedAt > lifetimeMs) {
      pending ??= fetchClientCredentialsToken(cc, redactor, opts).finally(() => (pending = undefined));
      current = await pending;
    }
    return current.accessToken;
  };
  return Object.assign(provider, { last: () => current });
}

export function staticToken(token: string): TokenProvider {
  return async () => token;
}
