/** The shapes of RFC 7643 §7 schema definitions, as /Schemas serves them (camelCase values, no nulls). */

export type AttributeType =
  | 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'binary' | 'reference' | 'complex';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

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
