/** A SCIM request as the request builder describes it: relative to the tenant URL, query as ordered pairs. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ScimRequest {
  method: HttpMethod;
  /** Path relative to the tenant URL, starting with `/` (e.g. `/Users/123`). */
  path: string;
  /** Ordered query pairs; serialised as Entra does (spaces as +, quotes as %22) unless `queryStyle` says otherwise. */
  query?: ReadonlyArray<readonly [string, string]>;
  /**
   * `entra`: URLSearchParams encoding (`+`, `%22`); `validator`: literal quotes like the Microsoft SCIM Validator;
   * `okta`: percent-encoding throughout (`userName%20eq%20%22…%22`, docs/okta-behaviour.md §1.1).
   */
  queryStyle?: 'entra' | 'validator' | 'okta';
  body?: unknown;
  headers?: Record<string, string>;
  /** Wire-like step name for evidence, e.g. `PATCH /Users/{id} replace active=false`. */
  step?: string;
  /** Send without credentials (for AUTH-REJECT) or with this literal Authorization value. */
  auth?: 'none' | { authorization: string };
}

export function serializeQuery(query: ScimRequest['query'], style: ScimRequest['queryStyle'] = 'entra'): string {
  if (!query || query.length === 0) return '';
  if (style === 'okta') return `?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
  const encoded = new URLSearchParams(query.map(([k, v]): [string, string] => [k, v])).toString();
  // The validator leaves double quotes literal (`filter=userName+eq+"x%40y"`); servers must accept both.
  return `?${style === 'validator' ? encoded.replace(/%22/g, '"') : encoded}`;
}
