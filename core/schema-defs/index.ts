/**
 * Lookup API over the schema definitions. Attribute names and schema URNs are matched case-insensitively
 * (RFC 7643 §2.1; Entra sends `emails[type eq "other"].Value`). Unqualified names fall through from the core
 * schema to the extensions, so Entra's legacy `manager` path finds the enterprise `manager`. Lookups answer for the
 * `full` profile unless given another (see profile.ts).
 */
import type { ResourceType } from '../resource-type.js';
import { URN } from '../urns.js';
import { splitAttrPath } from './attr-path.js';
import { COMMON_ATTRIBUTES } from './common.js';
import { FULL_SCHEMAS } from './full.js';
import { findByName } from './names.js';
import { schemasFor } from './profile.js';
import type { AttrPath, AttributeDef, SchemaProfile, SchemaResource } from './types.js';

export type * from './types.js';
export { ATTRIBUTE_TYPES, MUTABILITIES, RETURNED, UNIQUENESSES } from './types.js';
export { USER_SCHEMA } from './user.js';
export { ENTERPRISE_USER_SCHEMA } from './enterprise-user.js';
export { GROUP_SCHEMA } from './group.js';
export { COMMON_ATTRIBUTES } from './common.js';
export { serviceProviderConfig, type ServiceProviderLimits } from './service-provider-config.js';
export { resourceTypes } from './resource-types.js';
export { schemasFor } from './profile.js';
export { splitAttrPath } from './attr-path.js';
export { findByName } from './names.js';

/** The core schema URN of a resource type. */
export function coreSchemaOf(resourceType: ResourceType): string {
  return resourceType === 'User' ? URN.User : URN.Group;
}

/** Extension schema URNs a resource type supports, in lookup order. */
export function extensionsOf(resourceType: ResourceType): readonly string[] {
  return resourceType === 'User' ? [URN.EnterpriseUser] : [];
}

/** The served schema resources of a profile with absolute `meta.location`s (`baseUrl` without trailing slash). */
export function schemaResources(baseUrl: string, profile: SchemaProfile = 'full'): SchemaResource[] {
  return schemasFor(profile).map((s) => ({ ...structuredClone(s), meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${s.id}` } }));
}

/** A schema definition by URN, case-insensitively. */
export function schemaById(id: string): SchemaResource | undefined {
  const lower = id.toLowerCase();
  return FULL_SCHEMAS.find((s) => s.id.toLowerCase() === lower);
}

/** The canonical spelling of an extension URN the resource type supports, or undefined. */
export function extensionUri(resourceType: ResourceType, uri: string): string | undefined {
  const lower = uri.toLowerCase();
  return extensionsOf(resourceType).find((u) => u.toLowerCase() === lower);
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
export function resolveAttr(resourceType: ResourceType, path: AttrPath | string, profile: SchemaProfile = 'full'): ResolvedAttr | undefined {
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
export function attributeDef(resourceType: ResourceType, path: AttrPath | string): AttributeDef | undefined {
  return resolveAttr(resourceType, path)?.def;
}

/** caseExact of the designated attribute; unknown attributes compare case-insensitively. */
export function isCaseExact(resourceType: ResourceType, path: AttrPath | string): boolean {
  return attributeDef(resourceType, path)?.caseExact ?? false;
}

export function isBoolean(resourceType: ResourceType, path: AttrPath | string): boolean {
  return attributeDef(resourceType, path)?.type === 'boolean';
}

/** The `multiValued` flag of the designated attribute itself (`emails` → true, `emails.value` → false). */
export function isMultiValued(resourceType: ResourceType, path: AttrPath | string): boolean {
  return attributeDef(resourceType, path)?.multiValued ?? false;
}
