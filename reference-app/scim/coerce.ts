/**
 * Normalization of client-supplied attribute values for storage, shared by POST/PUT and PATCH:
 * - attribute and sub-attribute names take their schema spelling (`Primary` → `primary`, `Department` → `department`);
 * - boolean attributes accept "True"/"False" in any case (Entra, the validator, Postman) and are stored as booleans;
 * - null, "" and empty lists/objects mean "no value" and are dropped;
 * - readOnly (sub-)attributes and unknown ones are dropped on create/replace (RFC 7644 §3.3, Postman item 54);
 * - values are otherwise kept verbatim (requirement USER-VALUES-VERBATIM);
 * - a shape the schema cannot hold (a string where a complex is expected, an object for a string) is 400 invalidValue.
 * Tolerated shapes: a bare string for a complex attribute with a `value` sub-attribute (`manager: "id"`,
 * members `"string id 1"`), a one-element list for a single-valued complex (`manager: [{value}]`), a single object for
 * a multi-valued attribute, and `displayName` for `display` in members (the Postman collection sends it).
 */
import { asArray, isObject, toBoolean } from '../../core/filter/index.js';
import {
  coreSchemaOf, extensionUri, extensionsOf, findByName, resolveAttr, splitAttrPath,
  type AttributeDef,
} from '../../core/schema-defs/index.js';
import type { ResourceType } from '../../core/resource-type.js';
import { badRequest } from './scim-error.js';

/** A sub-attribute by name in any case (findByName), or members' `display` for `displayName`. */
export function findSub(parent: AttributeDef, name: string): AttributeDef | undefined {
  // Members carry `display`; the Postman collection sends `displayName` and expects it echoed.
  return findByName(parent.subAttributes, name)
    ?? (name.toLowerCase() === 'displayname' ? findByName(parent.subAttributes, 'display') : undefined);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** A simple (non-complex) value; undefined when it carries no value. */
function coerceSimple(def: AttributeDef, v: unknown, where: string): unknown {
  if (v === undefined || v === null || v === '') return undefined;
  switch (def.type) {
    case 'boolean': {
      const b = toBoolean(v);
      if (b !== undefined) return b;
      throw badRequest('invalidValue', `${where} must be a boolean (true or false), not ${JSON.stringify(v)}`);
    }
    case 'integer':
    case 'decimal':
      if (typeof v === 'number' && (def.type === 'decimal' || Number.isInteger(v))) return v;
      throw badRequest('invalidValue', `${where} must be ${def.type === 'integer' ? 'an integer' : 'a number'}, not ${describe(v)}`);
    default:
      if (typeof v === 'string') return v;
      // Numbers and booleans for a string attribute are kept as their JSON text rather than refused.
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      throw badRequest('invalidValue', `${where} must be a string, not ${describe(v)}`);
  }
}

/** One value of a complex attribute; undefined when nothing of it remains. */
function coerceComplex(def: AttributeDef, v: unknown, where: string, keepReadOnly: boolean): Record<string, unknown> | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string' && findSub(def, 'value')) return { value: v };
  if (!isObject(v)) throw badRequest('invalidValue', `${where} must be an object, not ${describe(v)}`);
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(v)) {
    const sub = findSub(def, key);
    if (!sub || (!keepReadOnly && sub.mutability === 'readOnly')) continue;
    const coerced = coerceSimple(sub, raw, `${where}.${sub.name}`);
    if (coerced !== undefined) out[sub.name] = coerced;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Normalizes a value for attribute `def`. Returns undefined for "no value". Multi-valued attributes give a list
 * without empty elements. `keepReadOnly` keeps readOnly sub-attributes (for values the server itself holds).
 */
export function coerceValue(def: AttributeDef, value: unknown, where: string = def.name, keepReadOnly = false): unknown {
  if (def.multiValued) {
    const items = asArray(value)
      .map((item, i) => (def.type === 'complex'
        ? coerceComplex(def, item, `${where}[${i}]`, keepReadOnly)
        : coerceSimple(def, item, `${where}[${i}]`)))
      .filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    // Entra's documented manager shape is `[{"$ref": …, "value": …}]` for a single-valued attribute.
    if (def.type === 'complex' && value.length === 1) return coerceComplex(def, value[0], where, keepReadOnly);
    throw badRequest('invalidValue', `${where} is single-valued and cannot take a list`);
  }
  return def.type === 'complex' ? coerceComplex(def, value, where, keepReadOnly) : coerceSimple(def, value, where);
}

/** A member as a group's membership table holds it. */
export interface MemberRef {
  readonly value: string;
  readonly display?: string;
  readonly type?: string;
  readonly $ref?: string;
}

/** Normalizes a members value (list, single object or bare id) and checks every member has an id. */
export function coerceMembers(membersDef: AttributeDef, value: unknown): MemberRef[] {
  const items = (coerceValue(membersDef, value, 'members') ?? []) as Record<string, unknown>[];
  const byId = new Map<string, MemberRef>();
  items.forEach((item, i) => {
    if (typeof item.value !== 'string' || item.value === '') {
      throw badRequest('invalidValue', `members[${i}].value must be the id of the member`);
    }
    byId.set(item.value, item as unknown as MemberRef);
  });
  return [...byId.values()];
}

const REQUIRED_ATTRIBUTE: Record<ResourceType, string> = { User: 'userName', Group: 'displayName' };

/** The attribute a resource type cannot exist without (userName, displayName). */
export function requiredAttributeOf(resourceType: ResourceType): string {
  return REQUIRED_ATTRIBUTE[resourceType];
}

/** `schemas` for a stored resource: the core URN plus each extension the resource holds data for. */
export function schemasFor(resource: Record<string, unknown>, resourceType: ResourceType): string[] {
  return [coreSchemaOf(resourceType), ...extensionsOf(resourceType).filter((u) => isObject(resource[u]))];
}

/**
 * Normalizes a POST (`create`) or PUT (`replace`) body into the resource to store: client `id`, `meta`, readOnly
 * attributes and unknown attributes or extensions are dropped; `schemas` is recomputed from the data. For Groups
 * `members` is normalized to MemberRef objects; in `replace` mode it is always present (PUT replaces the whole
 * membership, so an absent list means "no members").
 * Throws ScimError 400 invalidSyntax for a non-object body, invalidValue for a missing userName/displayName or a
 * value of the wrong shape.
 */
export function normalizeForWrite(body: unknown, resourceType: ResourceType, mode: 'create' | 'replace'): Record<string, unknown> {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'The request body must be a JSON object');
  const out: Record<string, unknown> = {};
  const extensions: Record<string, Record<string, unknown>> = {};
  const put = (resolved: NonNullable<ReturnType<typeof resolveAttr>>, raw: unknown): void => {
    if (resolved.attr.mutability === 'readOnly' || resolved.attr.name === 'schemas') return;
    // This app stores no passwords: a writeOnly value (Okta's placeholder password) is accepted and dropped.
    if (resolved.attr.mutability === 'writeOnly') return;
    const value = resolved.attr.name === 'members' && resourceType === 'Group'
      ? coerceMembers(resolved.attr, raw)
      : coerceValue(resolved.attr, raw);
    const target = resolved.extension ? (extensions[resolved.schema] ??= {}) : out;
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete target[resolved.attr.name];
    else target[resolved.attr.name] = value;
  };
  for (const [key, raw] of Object.entries(body)) {
    const ext = extensionUri(resourceType, key);
    if (ext !== undefined) {
      if (raw === null || raw === undefined) continue;
      if (!isObject(raw)) throw badRequest('invalidValue', `${ext} must be an object, not ${describe(raw)}`);
      for (const [name, v] of Object.entries(raw)) {
        const resolved = resolveAttr(resourceType, { uri: ext, attr: name });
        if (resolved) put(resolved, v);
      }
      continue;
    }
    // Plain keys are attribute names (no dotted paths in a resource body); `urn:…:attr` keys are qualified names.
    const resolved = resolveAttr(resourceType, /^urn:/i.test(key) ? splitAttrPath(key) : { attr: key });
    if (resolved && resolved.sub === undefined) put(resolved, raw);
  }
  for (const [uri, data] of Object.entries(extensions)) if (Object.keys(data).length > 0) out[uri] = data;

  const required = requiredAttributeOf(resourceType);
  if (typeof out[required] !== 'string' || out[required] === '') {
    throw badRequest('invalidValue', `${required} is required${mode === 'replace' ? ' in a replacement' : ''} and must be a non-empty string`);
  }
  if (resourceType === 'Group' && mode === 'replace' && out.members === undefined) out.members = [];
  return { schemas: schemasFor(out, resourceType), ...out };
}

