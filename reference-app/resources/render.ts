/** Stored rows → SCIM resources: schemas and id first, then the attributes, members, and a computed meta. */
import { coreSchemaOf } from '../../core/schema-defs/index.js';
import type { ResourceType } from '../../core/resource-type.js';
import type { Json, Member, StoredResource, StoredText } from '../store/resource-store.js';

export const endpointOf = (type: ResourceType): string => (type === 'User' ? 'Users' : 'Groups');

/** Weak ETag of a stored version (RFC 7644 §3.14); the same string is meta.version. */
export const etagOf = (s: Pick<StoredResource, 'version'>): string => `W/"${s.version}"`;

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

const SCHEMAS_MEMBER = '{"schemas":[';

/**
 * Where the `schemas` array of a stored attributes text ends (the index after its `]`), or -1 when the text does
 * not open with a non-empty `schemas` array of strings. A scan rather than JSON.parse: not parsing is the point.
 */
function endOfSchemas(text: string): number {
  if (!text.startsWith(SCHEMAS_MEMBER) || text[SCHEMAS_MEMBER.length] !== '"') return -1;
  let inString = false;
  for (let i = SCHEMAS_MEMBER.length; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ']') return i + 1;
    else if (c !== ',') return -1;
  }
  return -1;
}

/**
 * JSON.stringify(toResource(s, baseUrl)) for a resource without members, spliced from the stored text instead of
 * parsed and serialised again. normalizeForWrite stores `schemas` first; the text may still open otherwise (an
 * attribute named like an integer sorts first in a JS object, or a row not written by the service), and then
 * this answers undefined and the caller renders the parsed resource.
 */
export function toResourceText(s: StoredText, baseUrl: string): string | undefined {
  const end = endOfSchemas(s.attrsText);
  if (end < 0) return undefined;
  const rest = s.attrsText.slice(end, -1); // `,"name":…` or '' before the closing brace
  const meta = `{"resourceType":"${s.type}","created":${JSON.stringify(s.created)},"lastModified":${JSON.stringify(s.lastModified)},`
    + `"location":${JSON.stringify(`${baseUrl}/${endpointOf(s.type)}/${s.id}`)},"version":${JSON.stringify(etagOf(s))}}`;
  return `${s.attrsText.slice(0, end)},"id":${JSON.stringify(s.id)}${rest},"meta":${meta}}`;
}

/** What a client may not set: the server owns id and meta; members live in their own table. */
export function storedAttrs(resource: Json, type: ResourceType): Json {
  // password: accepted by PATCH as by POST and PUT, never stored (scim/coerce.ts normalizeForWrite)
  const { id: _id, meta: _meta, password: _password, ...rest } = resource;
  if (type === 'Group') delete rest.members;
  return rest;
}
