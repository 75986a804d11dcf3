/**
 * The JSON Schemas of a User and a Group as a service returns them, derived from the RFC 7643 definitions in
 * core/schema-defs (the ones /Schemas serves), so an attribute is described once. From each definition: its type
 * (reference and binary are strings, dateTime a date-time string), multiValued (an array), sub-attributes (an
 * object's properties), required (the resource must have it) and uniqueness `server` (a non-empty string: id,
 * userName). A returned resource is judged on shape only: canonical values, mutability and case are the checks' to
 * judge, and `additionalProperties` stays open for extensions.
 */
import type { ResourceType } from '../resource-type.js';
import {
  COMMON_ATTRIBUTES, coreSchemaOf, extensionsOf, schemaById, type AttributeDef,
} from '../schema-defs/index.js';

import { bool, schemasArray, str } from './parts.js';

type JsonSchema = Record<string, unknown>;

/**
 * RFC 7643 §2.4: the sub-attributes a multi-valued attribute's values carry, judged even where a definition leaves
 * one out (emails have no `$ref` in §4.1.2, members no `primary`) and over what it declares. `$ref` may be null:
 * Entra sends `"$ref": null` with members, and services echo it. Addresses, which have no `value`, are judged on
 * their own sub-attributes only.
 */
const MULTI_VALUED_DEFAULTS: Record<string, JsonSchema> = {
  display: str, type: str, primary: bool, $ref: { type: ['string', 'null'] },
};

/**
 * The multi-valued attributes whose `value` is not type-checked. The hand-written schemas these replace never
 * judged it; deriving keeps that, so no endpoint's verdict changed (emails, phoneNumbers and members are checked).
 */
const UNCHECKED_VALUES = new Set(['ims', 'photos', 'entitlements', 'roles', 'x509Certificates', 'groups']);

/** One value of an attribute (an element, for a multi-valued one). */
function valueSchema(def: AttributeDef): JsonSchema {
  switch (def.type) {
    case 'boolean': return bool;
    case 'integer': return { type: 'integer' };
    case 'decimal': return { type: 'number' };
    case 'dateTime': return { type: 'string', format: 'date-time' };
    case 'complex': return { type: 'object', properties: def.multiValued ? elementProperties(def) : propertiesOf(def.subAttributes ?? []) };
    default: return def.uniqueness === 'server' ? { ...str, minLength: 1 } : str;
  }
}

function elementProperties(def: AttributeDef): JsonSchema {
  const subs = def.subAttributes ?? [];
  const declared = propertiesOf(subs);
  if (!subs.some((s) => s.name === 'value')) return declared;
  if (UNCHECKED_VALUES.has(def.name)) declared.value = {};
  return { ...declared, ...MULTI_VALUED_DEFAULTS };
}

function attributeSchema(def: AttributeDef): JsonSchema {
  return def.multiValued ? { type: 'array', items: valueSchema(def) } : valueSchema(def);
}

/** Properties of the attributes a response can hold: a `returned: never` attribute (password) is never in one. */
function propertiesOf(defs: readonly AttributeDef[]): JsonSchema {
  return Object.fromEntries(defs.filter((d) => d.returned !== 'never').map((d) => [d.name, attributeSchema(d)]));
}

/** Common attributes by name, in their order in core/schema-defs/common.ts. */
const common = (...names: string[]): AttributeDef[] => COMMON_ATTRIBUTES.filter((d) => names.includes(d.name));

/**
 * A User or Group: `schemas` listing its core URN and an `id` (RFC 7643 §3: every returned resource has them),
 * the common externalId and meta, its own attributes and each extension as an object under its URN.
 */
export function resourceSchema(type: ResourceType): JsonSchema {
  const urn = coreSchemaOf(type);
  const attributes = schemaById(urn)?.attributes ?? [];
  const extensions = extensionsOf(type).map((uri) => [uri, { type: 'object', properties: propertiesOf(schemaById(uri)?.attributes ?? []) }]);
  return {
    $id: type,
    type: 'object',
    required: ['schemas', 'id', ...attributes.filter((d) => d.required).map((d) => d.name)],
    properties: {
      schemas: schemasArray(urn),
      ...propertiesOf(common('id', 'externalId')),
      ...propertiesOf(attributes),
      ...Object.fromEntries(extensions),
      ...propertiesOf(common('meta')),
    },
  };
}
