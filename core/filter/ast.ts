/** The parsed forms of filters and PATCH paths. Names keep the case they were written in; lookups ignore case. */
import type { AttrPath } from '../schema-defs/index.js';

export type { AttrPath } from '../schema-defs/index.js';

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type CompValue = string | number | boolean | null;

export type FilterNode =
  | { readonly op: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly op: 'not'; readonly filter: FilterNode }
  | { readonly op: 'pr'; readonly path: AttrPath }
  /**
   * `raw` holds the token text when the value was not quoted (`userName sw O`, `externalId eq 701984`): the
   * Postman collection sends such values, and a string attribute then compares against the text as written.
   */
  | { readonly op: CompareOp; readonly path: AttrPath; readonly value: CompValue; readonly raw?: string }
  /**
   * `emails[type eq "work"]`: some element of the multi-valued attribute satisfies `filter`, whose paths name
   * sub-attributes. `emails[type eq "work"].value eq "x"` is parsed as `emails[type eq "work" and value eq "x"]`.
   */
  | { readonly op: 'valuePath'; readonly path: AttrPath; readonly filter: FilterNode };

/** A PATCH path: `attr`, `attr.sub`, `urn:…:attr[.sub]`, `attr[filter]`, `attr[filter].sub`, or a bare extension URN. */
export interface PathNode {
  readonly uri?: string;
  /** Absent only when the path is a whole extension URN. */
  readonly attr?: string;
  /** The value filter of `attr[filter]`; its paths name sub-attributes of `attr`. */
  readonly filter?: FilterNode;
  readonly sub?: string;
}
