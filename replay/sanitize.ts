/**
 * What every trace writer does to an exchange before it is written: learn the credentials it carries (so an echo
 * anywhere else is caught too), keep only the headers replay needs, redact credentials, credential-named fields and
 * token-like text (core/redact plus JWTs and bearer strings), then mask PII. Nothing unredacted leaves here.
 */
import { REDACTED, type Redactor } from '../core/redact.js';
import type { Masker } from './mask.js';
import { rewriteJson } from './rewrite.js';
import type { TraceExchange } from './trace.js';

export type RawHeaders = Record<string, string | string[] | undefined>;

/** An exchange as a capture point saw it, credentials and PII still in it. */
export interface RawExchange {
  seq: number;
  at: string;
  ms: number;
  request: { method: string; path: string; headers: RawHeaders; body?: unknown };
  response?: { status: number; headers: RawHeaders; body?: unknown; truncated?: boolean };
  error?: { code: string; message: string };
}

/** Headers a trace keeps; everything else (cookies, custom auth headers, tracing ids …) is dropped. */
const REQUEST_HEADERS = new Set(['content-type', 'accept', 'if-match', 'if-none-match', 'user-agent', 'authorization']);
const RESPONSE_HEADERS = new Set(['content-type', 'location', 'etag', 'retry-after', 'www-authenticate']);
/** Header names whose values are credentials, learned as secrets before anything is written. */
const CREDENTIAL_HEADER = /authorization|cookie|token|secret|api-?key|session|signature|password/i;
/** JWTs and `Bearer …` strings inside any text: access tokens an endpoint echoes or a log line carries. */
const TOKEN_LIKE = /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*|\b(Bearer|Basic)\s+(?!\[REDACTED\])[\w.~+/=-]{8,}/g;

function redactTokens(s: string): string {
  return s.replace(TOKEN_LIKE, (_m, scheme?: string) => (scheme ? `${scheme} ${REDACTED}` : REDACTED));
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}

/** The credential parts of a header value: the token after a scheme, a Basic password, cookie values. */
function credentialsIn(name: string, value: string): string[] {
  const lower = name.toLowerCase();
  if (lower === 'cookie' || lower === 'set-cookie') {
    return value.split(/[;,]/).map((p) => p.slice(p.indexOf('=') + 1).trim()).filter((p) => p.length > 0);
  }
  const m = /^(\w+)\s+(.+)$/.exec(value.trim());
  if (!m?.[2]) return [value];
  const found = [m[2]];
  if (m[1]?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(m[2], 'base64').toString('utf8');
    if (decoded.includes(':')) found.push(decoded.slice(decoded.indexOf(':') + 1), decoded);
  }
  return found;
}

export class Sanitizer {
  constructor(private readonly redactor: Redactor, private readonly masker: Masker) {}

  sanitize(raw: RawExchange): TraceExchange {
    this.learnSecrets(raw.request.headers);
    if (raw.response) this.learnSecrets(raw.response.headers);
    const text = (s: string): string => redactTokens(this.redactor.text(s));
    const body = (b: unknown): unknown => rewriteJson(this.redactor.body(b), () => undefined, { text });
    const redacted: TraceExchange = {
      seq: raw.seq,
      at: raw.at,
      ms: Math.round(raw.ms * 10) / 10,
      request: {
        method: raw.request.method.toUpperCase(),
        path: text(this.redactor.url(raw.request.path)),
        headers: this.headers(raw.request.headers, REQUEST_HEADERS),
        ...(raw.request.body !== undefined ? { body: body(raw.request.body) } : {}),
      },
    };
    if (raw.response) {
      redacted.response = {
        status: raw.response.status,
        headers: this.headers(raw.response.headers, RESPONSE_HEADERS),
        ...(raw.response.body !== undefined ? { body: body(raw.response.body) } : {}),
        ...(raw.response.truncated ? { truncated: true } : {}),
      };
    }
    if (raw.error) redacted.error = { code: raw.error.code, message: text(raw.error.message) };
    return this.masker.maskExchange(redacted);
  }

  private learnSecrets(headers: RawHeaders): void {
    for (const [name, v] of Object.entries(headers)) {
      const value = headerValue(v);
      if (value === undefined || !CREDENTIAL_HEADER.test(name)) continue;
      for (const secret of credentialsIn(name, value)) this.redactor.addSecret(secret);
    }
  }

  private headers(h: RawHeaders, keep: ReadonlySet<string>): Record<string, string> {
    const kept: Record<string, string> = {};
    for (const [k, v] of Object.entries(h)) {
      const value = headerValue(v);
      if (value !== undefined && keep.has(k.toLowerCase())) kept[k.toLowerCase()] = value;
    }
    return Object.fromEntries(Object.entries(this.redactor.headers(kept)).map(([k, v]) => [k, redactTokens(v)]));
  }
}
