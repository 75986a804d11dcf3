/**
 * Reads the attributes an endpoint declares from its /Schemas answer (RFC 7643 §7), with /ResourceTypes saying
 * which extension schemas belong to User and Group (§6). Generous on shape — a bare array instead of a
 * ListResponse, a complex attribute without its sub-attributes — because DISC-SCHEMAS judges the shape; this only
 * needs to learn which attributes exist.
 */
import { ENTRA_DEFAULT_GROUP_TARGETS } from '../entra-default-mapping.js';
import { isObject } from '../filter/index.js';
import type { ResourceType } from '../resource-type.js';
import { URN } from '../urns.js';
import { attributeKeys, AttributeSet } from './attribute-set.js';

type Json = Record<string, unknown>;

const lower = (s: string): string => s.toLowerCase();

/** The resources of a ListResponse, or of a bare array. */
function resourcesOf(body: unknown): Json[] | undefined {
  const list = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.Resources) ? body.Resources : undefined;
  return list?.filter(isObject);
}

/** Keys of one schema's attributes, prefixed with `prefix` (an extension URN and a colon, or nothing). */
function keysOf(attributes: unknown, prefix: string): string[] {
  if (!Array.isArray(attributes)) return [];
  const keys: string[] = [];
  for (const a of attributes.filter(isObject)) {
    if (typeof a.name !== 'string' || a.name === '') continue;
    const key = `${prefix}${lower(a.name)}`;
    keys.push(key);
    const subs = Array.isArray(a.subAttributes) ? a.subAttributes.filter(isObject) : [];
    for (const s of subs) if (typeof s.name === 'string' && s.name !== '') keys.push(`${key}.${lower(s.name)}`);
    if (subs.length === 0 && (a.type === 'complex' || a.multiValued === true)) keys.push(`${key}.*`);
  }
  return keys;
}

/** Extension schema URNs per resource type, from /ResourceTypes; undefined when it cannot tell. */
function extensionsOf(resourceTypes: unknown): Record<ResourceType, string[]> | undefined {
  const types = resourcesOf(resourceTypes);
  if (!types?.length) return undefined;
  const out: Record<ResourceType, string[]> = { User: [], Group: [] };
  for (const t of types) {
    const kind = t.name === 'User' || lower(String(t.schema ?? '')) === lower(URN.User) ? 'User'
      : t.name === 'Group' || lower(String(t.schema ?? '')) === lower(URN.Group) ? 'Group' : undefined;
    if (!kind || !Array.isArray(t.schemaExtensions)) continue;
    for (const e of t.schemaExtensions.filter(isObject)) if (typeof e.schema === 'string') out[kind].push(lower(e.schema));
  }
  return out;
}

/** Without /ResourceTypes: an extension ending in `:User` or `:Group` extends that type. */
function kindOfExtension(id: string): ResourceType | undefined {
  return /:user$/i.test(id) ? 'User' : /:group$/i.test(id) ? 'Group' : undefined;
}

export type SchemasReading = { set: AttributeSet } | { problem: string };

/**
 * The attribute set an endpoint declares, or why its /Schemas answer cannot tell (no list, no User schema).
 * Without a Group schema, groups keep the attributes of Entra's group mapping: whether groups are tested at all is
 * decided from /ResourceTypes, not here.
 */
export function attributesFromSchemas(schemas: unknown, resourceTypes: unknown): SchemasReading {
  const resources = resourcesOf(schemas);
  if (!resources) return { problem: '/Schemas did not answer with a list of schemas' };
  const byId = new Map(resources.filter((r) => typeof r.id === 'string').map((r) => [lower(r.id as string), r]));
  const user = byId.get(lower(URN.User));
  if (!user || !Array.isArray(user.attributes)) return { problem: `/Schemas lists no ${URN.User} schema with attributes` };
  const group = byId.get(lower(URN.Group));
  const extensions = extensionsOf(resourceTypes);
  const keys: Record<ResourceType, string[]> = {
    User: keysOf(user.attributes, ''),
    Group: group && Array.isArray(group.attributes)
      ? keysOf(group.attributes, '')
      : ENTRA_DEFAULT_GROUP_TARGETS.flatMap((p) => attributeKeys('Group', p) ?? []),
  };
  for (const [id, schema] of byId) {
    if (id === lower(URN.User) || id === lower(URN.Group)) continue;
    const kind = extensions
      ? (extensions.User.includes(id) ? 'User' : extensions.Group.includes(id) ? 'Group' : undefined)
      : kindOfExtension(id);
    if (kind) keys[kind].push(...keysOf(schema.attributes, `${id}:`));
  }
  return { set: new AttributeSet('schemas', keys.User, keys.Group) };
}
