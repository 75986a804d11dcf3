/** The shapes of RFC 7643 §7 schema definitions, as /Schemas serves them (camelCase values, no nulls). */

/** The values of each attribute characteristic (RFC 7643 §7); core/schemas judges /Schemas answers by these lists. */
export const ATTRIBUTE_TYPES = ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'complex', 'binary'] as const;
export const MUTABILITIES = ['readOnly', 'readWrite', 'immutable', 'writeOnly'] as const;
export const RETURNED = ['always', 'never', 'default', 'request'] as const;
export const UNIQUENESSES = ['none', 'server', 'global'] as const;

export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];
export type Mutability = (typeof MUTABILITIES)[number];
export type Returned = (typeof RETURNED)[number];
export type Uniqueness = (typeof UNIQUENESSES)[number];

export interface AttributeDef {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly subAttributes?: readonly AttributeDef[];
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
}

export interface SchemaResource {
  readonly schemas: readonly string[];
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeDef[];
  readonly meta: { readonly resourceType: 'Schema'; readonly location: string };
}

/**
 * An attribute path as written (names keep the caller's case): `[uri:]attr[.sub]`. `attr` is absent only when
 * the path names a whole extension, e.g. `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`.
 */
export interface AttrPath {
  readonly uri?: string;
  readonly attr?: string;
  readonly sub?: string;
}

/**
 * Which attributes a service declares: `full` every attribute of RFC 7643 §4.1–4.3; `minimal` only what Entra's
 * default attribute mapping writes (core/entra-default-mapping.ts), as a careful third-party server would.
 */
export type SchemaProfile = 'full' | 'minimal';
