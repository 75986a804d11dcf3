/**
 * Bearer authentication: static tokens (compared in constant time on their SHA-256, so neither length nor
 * content leaks through timing) and tokens issued by the OAuth client-credentials endpoint (kept by hash with
 * their expiry, judged against the injected clock).
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

const sha256 = (s: string): Buffer => hash('sha256', s, 'buffer');

/** `Bearer <token>`, scheme case-insensitive (RFC 7235 §2.1); undefined for anything else. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return m?.[1];
}

/** Constant-time comparison of two secrets of any length. */
export function secretEquals(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

export class TokenRegistry {
  private readonly staticHashes: Buffer[];
  /** sha256 hex of an issued token → expiry (epoch ms). */
  private readonly issued = new Map<string, number>();
  private readonly now: () => number;

  constructor(staticTokens: readonly string[], now: () => number) {
    this.staticHashes = staticTokens.map(sha256);
    this.now = now;
  }

  /** Issues a random access token valid for lifetimeSec. */
  issue(lifetimeSec: number): string {
    const token = randomBytes(32).toString('base64url');
    this.issued.set(sha256(token).toString('hex'), this.now() + lifetimeSec * 1000);
    return token;
  }

  accepts(token: string | undefined): boolean {
    if (token === undefined) return false;
    const h = sha256(token);
    // every static token is compared, match or not, so the time taken does not say which one matched
    let ok = false;
    for (const s of this.staticHashes) ok = timingSafeEqual(s, h) || ok;
    if (ok) return true;
    const key = h.toString('hex');
    const expires = this.issued.get(key);
    if (expires === undefined) return false;
    if (this.now() >= expires) {
      this.issued.delete(key);
      return false;
    }
    return true;
  }
}
