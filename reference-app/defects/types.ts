/**
 * The hook interface defects plug into. Every hook is a fold `(value, context) => value`: the app computes
 * its correct value, then, if any enabled defect installs that hook, passes it through (one `if` per hook
 * point in the app, no defect names anywhere else). Hooks may throw a ScimError to answer with an error.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { OktaVariant } from '../../core/profile.js';
import type { ResourceType } from '../../core/resource-type.js';
import type { Json } from '../store/resource-store.js';
import type { TlsOptions } from '../http/tls.js';

/** Which endpoint a request reached. */
export type RouteKind =
  | 'serviceProviderConfig'
  | 'schemas'
  | 'schema'
  | 'resourceTypes'
  | 'resourceType'
  /** /Users or /Groups: GET is a query, POST a create */
  | 'collection'
  /** /Users/{id} or /Groups/{id} */
  | 'resource'
  /** POST …/.search */
  | 'search'
  /** no route matched (404, 405) or authentication failed before routing mattered */
  | 'other';

/** A SCIM request as the app sees it after authentication and body parsing. Hooks may rewrite query and body. */
export interface ScimRequestView {
  readonly method: string;
  readonly route: RouteKind;
  /** User or Group; absent for discovery and the root /.search. */
  readonly resourceType?: ResourceType;
  readonly id?: string;
  /** Decoded query parameters (the last value wins for repeated ones). */
  query: Record<string, string>;
  body: unknown;
  /** Lower-case header names, as Node parsed them. */
  readonly headers: Readonly<IncomingHttpHeaders>;
}

/** A response before serialisation. `body` undefined means no body. */
export interface ScimReply {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  /** Sent as it is instead of `body`: for a defect that answers with something that is not JSON at all. */
  rawText?: string;
}

export interface ConflictContext {
  readonly type: ResourceType;
  /** The stored resource holding the same userName (User) or displayName (Group). */
  readonly existing: Json;
  /** The resource being written. */
  readonly incoming: Json;
}

export interface PatchContext {
  readonly type: ResourceType;
  /** The stored resource (groups without members). */
  readonly current: Json;
}

export interface AuthContext {
  readonly method: string;
  readonly url: string;
}

/** What DELETE does: remove the resource, mark a user inactive, or nothing at all. */
export type DeleteMode = 'hard' | 'soft' | 'none';

export interface DeleteContext {
  readonly type: ResourceType;
  readonly id: string;
}

export interface DefectHooks {
  /** Receives the app's verdict on the credentials. */
  authenticate?(ok: boolean, ctx: AuthContext): boolean;
  /** Before the handler: rewrite query/body, or throw a ScimError. */
  request?(req: ScimRequestView): ScimRequestView;
  /** The PATCH body about to be applied to `ctx.current` (inside the write transaction). */
  patch?(body: Json, ctx: PatchContext): Json;
  /** Whether an existing resource with the same unique name conflicts with the one being written. */
  conflict?(conflict: boolean, ctx: ConflictContext): boolean;
  deleteMode?(mode: DeleteMode, ctx: DeleteContext): DeleteMode;
  /** Every response, errors included, before it is serialised. */
  response?(res: ScimReply, req: ScimRequestView): ScimReply;
  /** Options of the https listener (only when TLS is on). */
  tls?(options: TlsOptions): TlsOptions;
  /** Whether POST /oauth/token takes the client's secret (receives the app's verdict for a known client_id). */
  clientSecretAccepted?(ok: boolean): boolean;
  /** Lifetime of tokens issued by POST /oauth/token. */
  tokenLifetimeSec?(seconds: number): number;
}

export interface Defect {
  /** kebab-case, stable: users pass it to `serve --defect`. */
  readonly name: string;
  /** Every requirement ID whose checks this defect makes fail (the self-test matrix asserts exactly these). */
  readonly requirements: readonly string[];
  /**
   * The Okta variant whose requests expose this defect, for one that Okta's default (an OIN app, profile updates
   * by PUT) never meets: the defect matrix judges its Okta requirements in this variant.
   */
  readonly oktaVariant?: OktaVariant;
  readonly description: string;
  /** Creates the hooks for one app instance (defects with state, such as a rate limiter, get fresh state). */
  install(): DefectHooks;
}

type Fold = (value: unknown, ctx: unknown) => unknown;

/** Chains the hooks of several defects: each fold receives the previous one's result. */
export function composeHooks(all: readonly DefectHooks[]): DefectHooks {
  const out: Record<string, Fold> = {};
  const keys = new Set(all.flatMap((h) => Object.keys(h)));
  for (const key of keys) {
    const folds = all.map((h) => (h as Record<string, Fold | undefined>)[key]).filter((f): f is Fold => f !== undefined);
    out[key] = (value, ctx) => folds.reduce((v, f) => f(v, ctx), value);
  }
  // the record holds exactly DefectHooks' keys with their fold signatures, built generically above
  return out as DefectHooks;
}
