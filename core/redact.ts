/**
 * Redaction happens where an exchange is recorded, never where it is rendered: whatever leaves this module is
 * safe for reports, logs and traces. It removes
 * - the values of credential headers (Authorization, Proxy-Authorization, Cookie, Set-Cookie, X-Api-Key),
 * - user:password in URLs and credential-looking query parameters,
 * - credential-looking JSON fields (access_token, client_secret, password, …),
 * - and every known secret string wherever it appears (raw, URL-encoded or base64), e.g. echoed in a body.
 */

export const REDACTED = '[REDACTED]';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);
const SECRET_FIELDS = /^(access_token|refresh_token|id_token|client_secret|password|secret|token|secrettoken|oauth2clientsecret|api_key|apikey)$/i;

export interface Redactor {
  /** Adds a secret discovered at run time (an access token from a token endpoint). */
  addSecret(secret: string): void;
  text(s: string): string;
  url(u: string): string;
  headers(h: Record<string, string | string[] | undefined>): Record<string, string>;
  body(b: unknown): unknown;
}

export function createRedactor(initialSecrets: Iterable<string | undefined> = []): Redactor {
  const needles = new Set<string>();
  const add = (secret: string | undefined): void => {
    if (!secret || secret.length < 4) return; // too short to be a credential; would shred ordinary text
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
    needles.add(Buffer.from(secret).toString('base64'));
  };
  for (const s of initialSecrets) add(s);

  const text = (s: string): string => {
    let out = s;
    for (const n of needles) if (out.includes(n)) out = out.split(n).join(REDACTED);
    return out;
  };

  const url = (u: string): string => {
    let out = u;
    try {
      const parsed = new URL(u);
      if (parsed.username || parsed.password) {
        parsed.username = '';
        parsed.password = '';
      }
      for (const key of [...parsed.searchParams.keys()]) {
        if (SECRET_FIELDS.test(key)) parsed.searchParams.set(key, REDACTED);
      }
      out = parsed.toString();
    } catch {
      // not an absolute URL: fall through to plain text redaction
    }
    return text(out);
  };

  const headers = (h: Record<string, string | string[] | undefined>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(h)) {
      if (v === undefined) continue;
      const value = Array.isArray(v) ? v.join(', ') : String(v);
      if (SECRET_HEADERS.has(k.toLowerCase())) {
        const scheme = /^(Bearer|Basic|Negotiate|Digest)\s/i.exec(value)?.[1];
        out[k] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
      } else {
        out[k] = text(value);
      }
    }
    return out;
  };

  const body = (b: unknown): unknown => {
    if (typeof b === 'string') return text(b);
    if (Array.isArray(b)) return b.map(body);
    if (b && typeof b === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(b)) {
        out[text(k)] = SECRET_FIELDS.test(k) && v !== null && v !== '' ? REDACTED : body(v);
      }
      return out;
    }
    return b;
  };

  return { addSecret: add, text, url, headers, body };
}
