/**
 * Reading and writing a plain JSON resource at one attribute path as Entra's mappings and PATCH requests write it
 * (`active`, `name.givenName`, `emails[type eq "work"].value`, `roles[primary eq "True"]`,
 * `urn:…:enterprise:2.0:User:manager`): parsePath's grammar, the evaluator's comparisons (names and strings ignore
 * case, "True"/"False" equal the booleans). The one reader of the mock IdP and the checks; the reference app's PATCH
 * engine parses with the same parser and shares equalityTerms, but mutates by its own rules.
 */
import type { ResourceType } from '../resource-type.js';
import { resolveAttr } from '../schema-defs/index.js';
import { URN } from '../urns.js';
import { findKey, getKey, isObject, toBoolean, type JsonObject } from './access.js';
import type { FilterNode, PathNode } from './ast.js';
import { FilterSyntaxError } from './errors.js';
import { evaluateElement } from './evaluate.js';
import { parsePath } from './parser.js';

/** A path naming one attribute (never a whole extension), whose value filter, if any, is made of `eq` terms. */
export type TargetPath = PathNode & { readonly attr: string };

/** One `sub eq value` of a value filter: the sub-attribute as written, the value as written (unquoted). */
export interface EqualityTerm {
  readonly attr: string;
  readonly text: string;
}

/**
 * The terms of a value filter made only of `eq` comparisons joined by `and` (what an element must hold to match,
 * and what a new element is made of); undefined for any other filter.
 */
export function equalityTerms(filter: FilterNode): EqualityTerm[] | undefined {
  if (filter.op === 'and') {
    const left = equalityTerms(filter.left);
    const right = equalityTerms(filter.right);
    return left && right ? [...left, ...right] : undefined;
  }
  if (filter.op !== 'eq' || filter.path.attr === undefined || filter.path.sub !== undefined) return undefined;
  // A bare literal keeps its text (`primary eq true` → "true"); a quoted one is a string already.
  const text = filter.raw ?? filter.value;
  return typeof text === 'string' ? [{ attr: filter.path.attr, text }] : undefined;
}

const parsed = new Map<string, TargetPath>();

/**
 * Parses (and remembers: a cycle reads the same mapping targets for every object) a target path. Throws
 * FilterSyntaxError (kind 'path') for text parsePath refuses, a whole extension URN, or a value filter other
 * than `eq` terms joined by `and`.
 */
export function parseTargetPath(text: string): TargetPath {
  const hit = parsed.get(text);
  if (hit) return hit;
  const path = parsePath(text);
  if (path.attr === undefined) throw new FilterSyntaxError('path', text.length, 'expected an attribute after the schema URN');
  if (path.filter && !equalityTerms(path.filter)) {
    throw new FilterSyntaxError('path', text.indexOf('['), 'expected a value filter of "eq" terms joined by "and"');
  }
  const target: TargetPath = { ...path, attr: path.attr };
  parsed.set(text, target);
  return target;
}

export function isFilteredPath(text: string): boolean {
  return parseTargetPath(text).filter !== undefined;
}

const isList = (v: unknown): v is unknown[] => Array.isArray(v);
const CORE_URNS = [URN.User, URN.Group].map((u) => u.toLowerCase());

/** Core attributes live on the resource itself; extension attributes in the object under their URN. */
function isCore(path: TargetPath): boolean {
  return path.uri === undefined || CORE_URNS.includes(path.uri.toLowerCase());
}

const attrPathOf = (path: TargetPath, sub?: string) =>
  ({ ...(path.uri !== undefined ? { uri: path.uri } : {}), attr: path.attr, ...(sub !== undefined ? { sub } : {}) });

/** The first element of `list` the path's value filter selects; a single object is not a list and selects nothing. */
function selected(list: unknown, path: TargetPath & { filter: FilterNode }, resourceType: ResourceType): JsonObject | undefined {
  if (!Array.isArray(list)) return undefined;
  const parent = resolveAttr(resourceType, attrPathOf(path))?.attr;
  return list.find((e): e is JsonObject => isObject(e) && evaluateElement(path.filter, e, resourceType, parent));
}

/**
 * The value at `path` as the resource holds it (undefined when absent); a value filter picks the first matching
 * element. `resourceType` only tells the filter's comparisons the sub-attributes' types.
 */
export function readPath(resource: unknown, path: string, resourceType: ResourceType = 'User'): unknown {
  const p = parseTargetPath(path);
  const holder = isCore(p) ? resource : getKey(resource, p.uri ?? '');
  const value = getKey(holder, p.attr);
  const target = p.filter ? selected(value, { ...p, filter: p.filter }, resourceType) : value;
  return p.sub === undefined ? target : getKey(target, p.sub);
}

/** The member of `obj` named `name` in any case, replaced by `make()` unless `keep` accepts it. */
function child<T>(obj: JsonObject, name: string, keep: (v: unknown) => v is T, make: () => T): T {
  const key = findKey(obj, name) ?? name;
  const current = obj[key];
  if (keep(current)) return current;
  const made = make();
  obj[key] = made;
  return made;
}

/**
 * How a sub-attribute is spelled when written: as the schema spells it, else with a lower-case first letter (SCIM
 * names begin lower-case; Entra's tables write `.Value`, `.Formatted`).
 */
function subName(path: TargetPath, written: string, resourceType: ResourceType): string {
  return resolveAttr(resourceType, attrPathOf(path, written))?.sub?.name ?? written.charAt(0).toLowerCase() + written.slice(1);
}

/** A new element for a value filter: its `eq` terms, booleans as booleans where the schema says so. */
function newElement(path: TargetPath & { filter: FilterNode }, resourceType: ResourceType): JsonObject {
  const element: JsonObject = {};
  for (const term of equalityTerms(path.filter) ?? []) {
    const def = resolveAttr(resourceType, attrPathOf(path, term.attr))?.sub;
    element[subName(path, term.attr, resourceType)] = def?.type === 'boolean' ? toBoolean(term.text) ?? term.text : term.text;
  }
  return element;
}

/**
 * Sets the value at `path`, creating what the path passes through: the extension object, the complex value, or
 * — when no element matches the value filter — a new element made of the filter's terms
 * (`emails[type eq "work"].value` appends `{type: "work", value}`). A filtered path without a sub-attribute writes
 * the element's `value`. The attribute keeps the spelling written; see subName for sub-attributes.
 */
export function writePath(resource: JsonObject, path: string, value: unknown, resourceType: ResourceType = 'User'): void {
  const p = parseTargetPath(path);
  const holder = isCore(p) ? resource : child(resource, p.uri ?? '', isObject, (): JsonObject => ({}));
  if (p.filter) {
    const filtered = { ...p, filter: p.filter };
    const list = child(holder, p.attr, isList, (): unknown[] => []);
    let element = selected(list, filtered, resourceType);
    if (!element) {
      element = newElement(filtered, resourceType);
      list.push(element);
    }
    element[subName(p, p.sub ?? 'value', resourceType)] = value;
  } else if (p.sub !== undefined) {
    child(holder, p.attr, isObject, (): JsonObject => ({}))[subName(p, p.sub, resourceType)] = value;
  } else {
    holder[findKey(holder, p.attr) ?? p.attr] = value;
  }
}
