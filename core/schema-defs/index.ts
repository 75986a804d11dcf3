/**
 * Lookup API over the schema definitions. Attribute names and schema URNs are matched case-insensitively
 * (RFC 7643 §2.1; Entra sends `emails[type eq "other"].Value`). Unqualified names fall through from the core
 * schema to the extensions, so Entra's legacy `manager` path finds the enterprise `manager`. Lookups answer for the
 * `full` profile unless given another (see profile.ts).
 */
import { URN } from '../urns.js';
import { COMMON_ATTRIBUTES } from './common.js';
import { findByName } from './names.js';
import { schemasFor } from './profile.js';
import type { AttrPath, AttributeDef, ResourceTypeName, SchemaProfile, SchemaResource } from './types.js';

export type * from './types.js';
export { USER_SCHEMA } from './user.js';
export { ENTERPRISE_USER_SCHEMA } from './enterprise-user.js';
export { GROUP_SCHEMA } from './group.js';
export { COMMON_ATTRIBUTES } from './common.js';
export { serviceProviderConfig, type ServiceProviderLimits } from './service-provider-config.js';
export { resourceTypes } from './resource-types.js';
export { schemasFor } from './profile.js';

const ALL_SCHEMAS = schemasFor('full');

/** The core schema URN of a resource type. */
export function coreSchemaOf(resourceType: ResourceTypeName): string {
  return resourceType === 'User' ? URN.User : URN.Group;
}

/** Extension schema URNs a resource type supports, in lookup order. */
export function extensionsOf(resourceType: ResourceTypeName): readonly string[] {
  return resourceType === 'User' ? [URN.EnterpriseUser] : [];
}

/** The served schema resources of a profile with absolute `meta.location`s (`baseUrl` without trailing slash). */
export function schemaResources(baseUrl: string, profile: SchemaProfile = 'full'): SchemaResource[] {
  return schemasFor(profile).map((s) => ({ ...structuredClone(s), meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${s.id}` } }));
}

/** A schema definition by URN, case-insensitively. */
export function schemaById(id: string): SchemaResource | undefined {
  const lower = id.toLowerCase();
  return ALL_SCHEMAS.find((s) => s.id.toLowerCase() === lower);
}

/** The canonical spelling of an extension URN the resource type supports, or undefined. */
export function extensionUri(resourceType: ResourceTypeName, uri: string): string | undefined {
  const lower = uri.toLowerCase();
  return extensionsOf(resourceType).find((u) => u.toLowerCase() === lower);
}

/**
 * Splits `[urn:…:]attr[.sub]` text into an AttrPath without validating names. Known schema URNs are recognised by
 * prefix (their last segment `User` must not be mistaken for an attribute); an unknown `urn:` prefix ends at the
 * last colon. A known URN alone yields `{ uri }` (the whole extension).
 */
export function splitAttrPath(text: string): AttrPath {
  let uri: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const lower = text.toLowerCase();
    const known = ALL_SCHEMAS.map((s) => s.id).find((u) => lower === u.toLowerCase() || lower.startsWith(`${u.toLowerCase()}:`));
    if (known !== undefined) {
      uri = known;
      rest = text.slice(known.length + 1);
    } else {
      const colon = text.lastIndexOf(':');
      uri = text.slice(0, colon);
      rest = text.slice(colon + 1);
    }
    if (rest === '') return { uri };
  }
  const dot = rest.indexOf('.');
  const attr = dot < 0 ? rest : rest.slice(0, dot);
  const sub = dot < 0 ? undefined : rest.slice(dot + 1);
  return { ...(uri !== undefined ? { uri } : {}), attr, ...(sub !== undefined ? { sub } : {}) };
}

/** Where an attribute lives and what it is. */
export interface ResolvedAttr {
  /** The URN of the schema that defines the top-level attribute (core URN for common attributes). */
  readonly schema: string;
  /** True when the attribute is stored under `resource[schema]` (an extension attribute). */
  readonly extension: boolean;
  /** The top-level attribute. */
  readonly attr: AttributeDef;
  /** The sub-attribute, when the path names one. */
  readonly sub?: AttributeDef;
  /** `sub ?? attr`: the attribute the path designates. */
  readonly def: AttributeDef;
}

/**
 * Resolves a path against the resource type's schemas as `profile` declares them (common attributes always);
 * undefined for unknown or undeclared URNs, attributes or sub-attributes.
 */
export function resolveAttr(resourceType: ResourceTypeName, path: AttrPath | string, profile: SchemaProfile = 'full'): ResolvedAttr | undefined {
  const p = typeof path === 'string' ? splitAttrPath(path) : path;
  if (p.attr === undefined) return undefined;
  const schemas = schemasFor(profile);
  const attributesOf = (id: string): readonly AttributeDef[] => schemas.find((s) => s.id === id)?.attributes ?? [];
  const core = coreSchemaOf(resourceType);
  const candidates: { schema: string; extension: boolean; defs: readonly AttributeDef[] }[] = [];
  const coreDefs = [...COMMON_ATTRIBUTES, ...attributesOf(core)];
  if (p.uri === undefined || p.uri.toLowerCase() === core.toLowerCase()) {
    candidates.push({ schema: core, extension: false, defs: coreDefs });
  }
  for (const ext of extensionsOf(resourceType)) {
    if (p.uri === undefined || p.uri.toLowerCase() === ext.toLowerCase()) {
      candidates.push({ schema: ext, extension: true, defs: attributesOf(ext) });
    }
  }
  for (const c of candidates) {
    const top = findByName(c.defs, p.attr);
    if (!top) continue;
    if (p.sub === undefined) return { schema: c.schema, extension: c.extension, attr: top, def: top };
    const sub = findByName(top.subAttributes, p.sub);
    return sub ? { schema: c.schema, extension: c.extension, attr: top, sub, def: sub } : undefined;
  }
  return undefined;
}

/** The definition of the attribute a path designates (core, sub-attribute or extension), case-insensitively. */
export function attributeDef(resourceType: ResourceTypeName, path: AttrPath | string): AttributeDef | undefined {
  return resolveAttr(resourceType, path)?.def;
}

/** caseExact of the designated attribute; unknown attributes compare case-insensitively. */
export function isCaseExact(resourceType: ResourceTypeName, path: AttrPath | string): boolean {
  return attributeDef(resourceType, path)?.caseExact ?? false;
}

export function isBoolean(resourceType: ResourceTypeName, path: AttrPath | string): boolean {
  return attributeDef(resourceType, path)?.type === 'boolean';
}

/** The `multiValued` flag of the designated attribute itself (`emails` → true, `emails.value` → false). */
export function isMultiValued(resourceType: ResourceTypeName, path: AttrPath | string): boolean {
  return attributeDef(resourceType, path)?.multiValued ?? false;
}
