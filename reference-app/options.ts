/** Options of the reference app, their defaults, and the checks that turn a bad value into a HarnessError. */
import { HarnessError } from '../core/errors.js';
import type { SchemaProfile } from '../core/schema-defs/index.js';
import type { TlsMaterial } from './http/tls.js';

export interface OAuthClient {
  id: string;
  secret: string;
}

export interface ReferenceAppOptions {
  /** Accepted static bearer tokens (at least one unless OAuth clients are configured). */
  tokens: string[];
  /** Enables POST /oauth/token (client credentials). */
  oauth?: { clients: OAuthClient[]; tokenLifetimeSec?: number };
  /** SQLite file (persistent, WAL); in-memory when absent. */
  db?: string;
  /** Names from DEFECTS to switch on. */
  defects?: string[];
  host?: string;
  port?: number;
  /** PEM material, or a throwaway certificate (startReferenceApp only; build() needs the material). */
  tls?: TlsMaterial | 'self-signed';
  /** Allowed CORS origin (`*` for any); CORS is off when absent. */
  cors?: string;
  /** Largest accepted body; larger ones get 413. */
  maxBodyBytes?: number;
  /** Page size cap, advertised as filter.maxResults. */
  maxResults?: number;
  /** JSON-lines request log with secrets redacted. */
  logFile?: string;
  /** Where the SCIM endpoints live (default /scim/v2). */
  basePath?: string;
  /** Epoch milliseconds; inject to test token expiry and timestamps. */
  clock?: () => number;
  /** Called with every error that became a 500 (default: printed to stderr). */
  onInternalError?: (err: unknown) => void;
  /**
   * Which attributes /Schemas declares and requests may name (default `full`). `minimal`: only Entra's default
   * mapping; anything else in a PATCH path, body or filter is a 400 (reference-app/scim/schema-gate.ts).
   */
  schema?: SchemaProfile;
}

export interface ResolvedOptions {
  tokens: string[];
  oauth?: { clients: OAuthClient[]; tokenLifetimeSec: number };
  db?: string;
  defects: string[];
  tls?: TlsMaterial;
  cors?: string;
  maxBodyBytes: number;
  maxResults: number;
  logFile?: string;
  basePath: string;
  clock: () => number;
  onInternalError: (err: unknown) => void;
  schema: SchemaProfile;
}

export const DEFAULTS = {
  basePath: '/scim/v2',
  schema: 'full',
  maxBodyBytes: 2 * 1024 * 1024,
  maxResults: 200,
  tokenLifetimeSec: 3600,
} as const;

/** Microsoft's gallery policy: access tokens live 60 minutes to 6 hours. */
export const TOKEN_LIFETIME_RANGE = [3600, 21600] as const;

/** `/scim/v2` form: a leading slash, no trailing one; '' serves at the root. */
export function normalizeBasePath(basePath: string | undefined): string {
  const p = (basePath ?? DEFAULTS.basePath).replace(/\/+$/, '');
  return p === '' || p.startsWith('/') ? p : `/${p}`;
}

const bad = (message: string): HarnessError => new HarnessError('HARNESS_CONFIG', message);

function positiveInt(v: number | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (!Number.isSafeInteger(v) || v < 1) throw bad(`${name} must be a positive integer, got ${v}`);
  return v;
}

export const SCHEMA_PROFILES: readonly SchemaProfile[] = ['full', 'minimal'];

export function resolveOptions(opts: ReferenceAppOptions): ResolvedOptions {
  if (opts.tls === 'self-signed') throw bad('build() needs TLS material: let startReferenceApp() create the self-signed certificate');
  const tokens = opts.tokens.filter((t) => t !== '');
  if (tokens.length === 0 && !opts.oauth?.clients.length) throw bad('the reference app needs at least one bearer token or OAuth client');
  let oauth: ResolvedOptions['oauth'];
  if (opts.oauth) {
    const life = opts.oauth.tokenLifetimeSec ?? DEFAULTS.tokenLifetimeSec;
    if (!Number.isSafeInteger(life) || life < TOKEN_LIFETIME_RANGE[0] || life > TOKEN_LIFETIME_RANGE[1]) {
      throw bad(`oauth.tokenLifetimeSec must be between ${TOKEN_LIFETIME_RANGE[0]} and ${TOKEN_LIFETIME_RANGE[1]}, got ${life}`);
    }
    if (opts.oauth.clients.some((c) => !c.id || !c.secret)) throw bad('every OAuth client needs an id and a secret');
    oauth = { clients: opts.oauth.clients, tokenLifetimeSec: life };
  }
  const basePath = normalizeBasePath(opts.basePath);
  const schema = opts.schema ?? DEFAULTS.schema;
  // a JavaScript caller (or a config file) may pass any string
  if (!SCHEMA_PROFILES.includes(schema)) throw bad(`schema must be one of ${SCHEMA_PROFILES.join(', ')}, got ${String(schema)}`);
  return {
    tokens,
    ...(oauth ? { oauth } : {}),
    ...(opts.db ? { db: opts.db } : {}),
    defects: opts.defects ?? [],
    ...(opts.tls ? { tls: opts.tls } : {}),
    ...(opts.cors ? { cors: opts.cors } : {}),
    maxBodyBytes: positiveInt(opts.maxBodyBytes, 'maxBodyBytes', DEFAULTS.maxBodyBytes),
    maxResults: positiveInt(opts.maxResults, 'maxResults', DEFAULTS.maxResults),
    ...(opts.logFile ? { logFile: opts.logFile } : {}),
    basePath,
    clock: opts.clock ?? Date.now,
    onInternalError: opts.onInternalError ?? ((err) => console.error('reference-app internal error:', err)),
    schema,
  };
}
