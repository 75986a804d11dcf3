/**
 * Reading SCIM request paths: where the tenant URL ends in a full URL (importers see `…/scim/v2/Users/7`), and which
 * resource a path names (`/Users/7` → User 7).
 */

import type { ResourceType } from '../core/resource-type.js';

export type { ResourceType };

/** The first path segment of every SCIM endpoint (RFC 7644 §3.2), lower case. */
const ENDPOINTS = new Set(['users', 'groups', 'schemas', 'serviceproviderconfig', 'serviceproviderconfigs', 'resourcetypes', 'bulk', 'me', '.search']);

/** `/scim/v2/Users/7?x=1` → `{ base: '/scim/v2', path: '/Users/7?x=1' }`; undefined when no SCIM endpoint is named. */
export function splitTenantPath(pathWithQuery: string): { base: string; path: string } | undefined {
  const q = pathWithQuery.indexOf('?');
  const pathname = q < 0 ? pathWithQuery : pathWithQuery.slice(0, q);
  const segments = pathname.split('/');
  const at = segments.findIndex((s, i) => i > 0 && ENDPOINTS.has(s.toLowerCase()));
  if (at < 0) return undefined;
  const base = segments.slice(0, at).join('/');
  return { base, path: pathWithQuery.slice(base.length) };
}

/** `/Users/7?x` → `['/Users/7', 'x']`. */
export function splitQuery(path: string): [string, string | undefined] {
  const q = path.indexOf('?');
  return q < 0 ? [path, undefined] : [path.slice(0, q), path.slice(q + 1)];
}

/** The resource type and id a path names: `/Users` → User, `/Groups/9` → Group 9; undefined for other endpoints. */
export function resourceOf(path: string): { type: ResourceType; id?: string } | undefined {
  const [pathname] = splitQuery(path);
  const [, first, second, ...rest] = pathname.split('/');
  const type: ResourceType | undefined = first?.toLowerCase() === 'users' ? 'User' : first?.toLowerCase() === 'groups' ? 'Group' : undefined;
  if (!type || rest.length > 0) return undefined;
  return second ? { type, id: decodeURIComponent(second) } : { type };
}

/** The last segment of a Location header or `$ref` URL: the id it names. */
export function idFromLocation(location: string | undefined): string | undefined {
  if (!location) return undefined;
  const segment = location.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop();
  return segment ? decodeURIComponent(segment) : undefined;
}

/** Lower-case media type without parameters: `application/scim+json`. */
export function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
}
