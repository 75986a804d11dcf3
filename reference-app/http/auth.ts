/**
 * Bearer authentication: static tokens (compared in constant time at one padded width, so neither a token's
 * content nor its length leaks through timing) and tokens issued by the OAuth client-credentials endpoint (kept
 * by hash with their expiry, judged against the injected clock).
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

/** Bytes per padding step: the comparison width is the longest static token rounded up to it. */
const PAD_STEP = 256;

/**
 * The static tokens, each zero-padded to one width, and a scratch buffer the candidate is copied into: every
 * request then compares `width` bytes per token whatever it sent. This replaced a SHA-256 of the candidate per
 * request (3.6 % of a filter GET's CPU under load); the time still depends on no secret beyond the width,
 * which says only how many 256-byte steps the longest token needs.
 */
class PaddedTokens {
  private readonly width: number;
  private readonly padded: { bytes: Buffer; length: number }[];
  private readonly scratch: Buffer;

  constructor(tokens: readonly string[]) {
    const lengths = tokens.map((t) => Buffer.byteLength(t));
    this.width = Math.max(1, Math.ceil(Math.max(0, ...lengths) / PAD_STEP)) * PAD_STEP;
    this.padded = tokens.map((t, i) => {
      const bytes = Buffer.alloc(this.width);
      bytes.write(t);
      return { bytes, length: lengths[i] as number };
    });
    this.scratch = Buffer.alloc(this.width);
  }

  /** True when candidate equals one of the tokens; every token is compared, so the time does not say which. */
  matches(candidate: string): boolean {
    const length = Buffer.byteLength(candidate);
    if (length > this.width) return false; // longer than every token
    this.scratch.fill(0);
    this.scratch.write(candidate);
    let ok = false;
    for (const t of this.padded) {
      // the lengths tell "abc" from "abc\0", which pad to the same bytes
      const same = timingSafeEqual(t.bytes, this.scratch);
      ok = (same && t.length === length) || ok;
    }
    return ok;
  }
}

export class TokenRegistry {
  private readonly staticTokens: PaddedTokens;
  /** sha256 hex of an issued token → expiry (epoch ms). */
  private readonly issued = new Map<string, number>();
  private readonly now: () => number;

  constructor(staticTokens: readonly string[], now: () => number) {
    this.staticTokens = new PaddedTokens(staticTokens);
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
    if (this.staticTokens.matches(token)) return true;
    const key = sha256(token).toString('hex');
    const expires = this.issued.get(key);
    if (expires === undefined) return false;
    if (this.now() >= expires) {
      this.issued.delete(key);
      return false;
    }
    return true;
  }
}
