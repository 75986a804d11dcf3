/** Stored rows → SCIM resources: schemas and id first, then the attributes, members, and a computed meta. */
import { coreSchemaOf } from '../../core/schema-defs/index.js';
import type { Json, Member, ResourceType, StoredResource } from '../store/resource-store.js';

export const endpointOf = (type: ResourceType): string => (type === 'User' ? 'Users' : 'Groups');

/** Weak ETag of a stored version (RFC 7644 §3.14); the same string is meta.version. */
export const etagOf = (s: StoredResource): string => `W/"${s.version}"`;

function renderMember(m: Member, baseUrl: string): Json {
  return {
    value: m.value,
    ...(m.type ? { $ref: `${baseUrl}/${endpointOf(m.type)}/${m.value}`, type: m.type } : {}),
    ...(m.display !== undefined ? { display: m.display } : {}),
  };
}

/**
 * The full resource. `members` is only set for groups whose members were loaded; `baseUrl` (absolute, no
 * trailing slash) makes meta.location and members' $ref.
 */
export function toResource(s: StoredResource, baseUrl: string, members?: readonly Member[]): Json {
  const { schemas, ...attrs } = s.attrs;
  const out: Json = { schemas: Array.isArray(schemas) && schemas.length > 0 ? schemas : [coreSchemaOf(s.type)], id: s.id, ...attrs };
  if (members) out.members = members.map((m) => renderMember(m, baseUrl));
  out.meta = {
    resourceType: s.type,
    created: s.created,
    lastModified: s.lastModified,
    location: `${baseUrl}/${endpointOf(s.type)}/${s.id}`,
    version: etagOf(s),
  };
  return out;
}

/** What a client may not set: the server owns id and meta; members live in their own table. */
export function storedAttrs(resource: Json, type: ResourceType): Json {
  const { id: _id, meta: _meta, ...rest } = resource;
  if (type === 'Group') delete rest.members;
  return rest;
}
