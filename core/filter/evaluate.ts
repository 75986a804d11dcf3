/**
 * Evaluates a parsed filter against a plain JSON resource (RFC 7644 §3.4.2.2).
 * - A multi-valued attribute matches when any of its values matches; `emails.value` reads every element.
 * - A complex attribute compared without a sub-attribute (`emails co "x"`, `manager eq "id"`) compares its `value`.
 * - String comparisons honour caseExact from the schema; unknown attributes compare case-insensitively.
 * - Boolean attributes accept "True"/"False" strings on both sides; dateTime attributes compare as instants.
 * - `ne` matches when the attribute is absent; `eq null` matches when it is absent.
 * - gt/ge/lt/le on booleans, and co/sw/ew on non-strings, never match.
 */
import { coreSchemaOf, findByName, resolveAttr, type AttributeDef } from '../schema-defs/index.js';
import type { ResourceType } from '../resource-type.js';
import { asArray, getKey, isObject, isPresent, toBoolean, toInstant, type JsonObject } from './access.js';
import type { AttrPath, CompareOp, CompValue, FilterNode } from './ast.js';

/** Set inside `attr[…]`: paths name sub-attributes of `parent` (undefined when the schema does not know it). */
export interface ElementScope {
  readonly parent: AttributeDef | undefined;
}

/** The values a path designates in `obj` (flattened), and the attribute's definition when the schema knows it. */
export function valuesAt(
  obj: JsonObject,
  path: AttrPath,
  resourceType: ResourceType,
  element?: ElementScope,
): { values: unknown[]; def: AttributeDef | undefined } {
  if (path.attr === undefined) return { values: asArray(getKey(obj, path.uri ?? '')), def: undefined };
  if (element) {
    return { values: asArray(getKey(obj, path.attr)), def: element.parent && findByName(element.parent.subAttributes, path.attr) };
  }
  const resolved = resolveAttr(resourceType, path);
  const inCore = path.uri === undefined || path.uri.toLowerCase() === coreSchemaOf(resourceType).toLowerCase();
  const container = resolved
    ? (resolved.extension ? getKey(obj, resolved.schema) : obj)
    : (inCore ? obj : getKey(obj, path.uri ?? ''));
  const top = asArray(getKey(container, resolved?.attr.name ?? path.attr));
  if (path.sub === undefined) return { values: top, def: resolved?.def };
  const values: unknown[] = [];
  for (const element of top) values.push(...asArray(getKey(element, resolved?.sub?.name ?? path.sub)));
  return { values, def: resolved?.def };
}

function textOf(value: CompValue, raw: string | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null) return undefined;
  return raw ?? String(value);
}

function compareOrdered(a: number | string, b: number | string, op: CompareOp): boolean {
  switch (op) {
    case 'eq': return a === b;
    case 'ne': return a !== b;
    case 'gt': return a > b;
    case 'ge': return a >= b;
    case 'lt': return a < b;
    case 'le': return a <= b;
    default: return false;
  }
}

function compareOne(actual: unknown, op: CompareOp, value: CompValue, raw: string | undefined, attrDef: AttributeDef | undefined): boolean {
  // A complex value compared as a whole stands for its `value` sub-attribute.
  const v = isObject(actual) ? getKey(actual, 'value') : actual;
  const def = isObject(actual) ? attrDef && findByName(attrDef.subAttributes, 'value') : attrDef;
  if (v === undefined || v === null) return false;
  const type = def?.type;
  if (type === 'boolean' || (type === undefined && typeof v === 'boolean')) {
    const a = toBoolean(v);
    const b = toBoolean(value);
    if (a === undefined || b === undefined) return op === 'ne';
    return op === 'eq' ? a === b : op === 'ne' ? a !== b : false;
  }
  if (type === 'dateTime') {
    const a = toInstant(v);
    const b = toInstant(textOf(value, raw));
    if (!Number.isNaN(a) && !Number.isNaN(b)) return compareOrdered(a, b, op);
  }
  if (type === 'integer' || type === 'decimal' || (type === undefined && typeof v === 'number')) {
    const a = typeof v === 'number' ? v : Number(v);
    const b = typeof value === 'number' ? value : Number(textOf(value, raw));
    if (Number.isNaN(a) || Number.isNaN(b)) return op === 'ne';
    return compareOrdered(a, b, op);
  }
  if (typeof v !== 'string') return op === 'ne';
  const text = textOf(value, raw);
  if (text === undefined) return op === 'ne';
  const exact = def?.caseExact ?? false;
  const a = exact ? v : v.toLowerCase();
  const b = exact ? text : text.toLowerCase();
  switch (op) {
    case 'co': return a.includes(b);
    case 'sw': return a.startsWith(b);
    case 'ew': return a.endsWith(b);
    default: return compareOrdered(a, b, op);
  }
}

function evaluate(node: FilterNode, obj: JsonObject, resourceType: ResourceType, element?: ElementScope): boolean {
  switch (node.op) {
    case 'and': return evaluate(node.left, obj, resourceType, element) && evaluate(node.right, obj, resourceType, element);
    case 'or': return evaluate(node.left, obj, resourceType, element) || evaluate(node.right, obj, resourceType, element);
    case 'not': return !evaluate(node.filter, obj, resourceType, element);
    case 'pr': return valuesAt(obj, node.path, resourceType, element).values.some(isPresent);
    case 'valuePath': {
      const { values, def } = valuesAt(obj, node.path, resourceType, element);
      return values.some((el) => isObject(el) && evaluate(node.filter, el, resourceType, { parent: def }));
    }
    default: {
      const { values, def } = valuesAt(obj, node.path, resourceType, element);
      if (node.value === null && (node.op === 'eq' || node.op === 'ne')) {
        return (node.op === 'eq') !== values.some(isPresent);
      }
      if (values.length === 0) return node.op === 'ne';
      return values.some((v) => compareOne(v, node.op, node.value, node.raw, def));
    }
  }
}

/**
 * True when one element of a multi-valued complex attribute satisfies a value filter (the `[…]` of
 * `emails[type eq "work"]`), whose paths name sub-attributes of `parent`.
 */
export function evaluateElement(
  filter: FilterNode,
  element: Record<string, unknown>,
  resourceType: ResourceType,
  parent: AttributeDef | undefined,
): boolean {
  return isObject(element) && evaluate(filter, element, resourceType, { parent });
}

/** True when the resource satisfies the filter. Never throws for any resource shape. */
export function evaluateFilter(node: FilterNode, resource: Record<string, unknown>, resourceType: ResourceType): boolean {
  return isObject(resource) && evaluate(node, resource, resourceType);
}
