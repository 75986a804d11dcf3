/**
 * `sortBy` / `sortOrder` (RFC 7644 §3.4.2.3) as a comparator. Strings compare by code unit (no locale), lower-cased
 * unless the attribute is caseExact; dateTimes as instants; booleans false < true. A multi-valued attribute sorts by
 * its primary element, else its first. Resources without a value sort last in either order.
 */
import {
  asArray, FilterSyntaxError, getKey, isObject, parsePath, toBoolean, toInstant, valuesAt, type PathNode,
} from '../../core/filter/index.js';
import { attributeDef } from '../../core/schema-defs/index.js';
import type { ResourceType } from '../../core/resource-type.js';
import { badRequest } from './scim-error.js';

type Json = Record<string, unknown>;

function sortKey(resource: Json, path: PathNode, resourceType: ResourceType): unknown {
  const top = { ...(path.uri !== undefined ? { uri: path.uri } : {}), attr: path.attr ?? '' };
  const values = valuesAt(resource, top, resourceType).values;
  const chosen = values.find((v) => isObject(v) && toBoolean(v.primary) === true) ?? values[0];
  const value = path.sub !== undefined ? asArray(getKey(chosen, path.sub))[0] : isObject(chosen) ? chosen.value : chosen;
  return value === null || value === '' ? undefined : value;
}

export function compareBy(
  sortBy: string,
  sortOrder: string | undefined,
  resourceType: ResourceType,
): (a: Json, b: Json) => number {
  let path: PathNode;
  try {
    path = parsePath(sortBy);
  } catch (e) {
    if (e instanceof FilterSyntaxError) throw badRequest('invalidValue', `sortBy: ${e.message}`);
    throw e;
  }
  if (path.attr === undefined || path.filter) throw badRequest('invalidValue', 'sortBy must name an attribute, without a value filter');
  const order = (sortOrder ?? '').toLowerCase();
  if (order !== '' && order !== 'ascending' && order !== 'descending') {
    throw badRequest('invalidValue', `sortOrder must be "ascending" or "descending", not "${sortOrder}"`);
  }
  const sign = order === 'descending' ? -1 : 1;
  const def = attributeDef(resourceType, {
    ...(path.uri !== undefined ? { uri: path.uri } : {}), attr: path.attr, ...(path.sub !== undefined ? { sub: path.sub } : {}),
  });
  const valueDef = def?.type === 'complex' ? def.subAttributes?.find((s) => s.name === 'value') : def;
  const normalize = (v: unknown): number | string | undefined => {
    if (v === undefined) return undefined;
    if (valueDef?.type === 'dateTime') {
      const t = toInstant(v);
      if (!Number.isNaN(t)) return t;
    }
    if (valueDef?.type === 'boolean' || typeof v === 'boolean') {
      const b = toBoolean(v);
      return b === undefined ? undefined : Number(b);
    }
    if (typeof v === 'number') return v;
    if (typeof v !== 'string') return undefined;
    return valueDef?.caseExact ? v : v.toLowerCase();
  };
  return (a, b) => {
    const x = normalize(sortKey(a, path, resourceType));
    const y = normalize(sortKey(b, path, resourceType));
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    if (typeof x !== typeof y) return sign * (typeof x === 'number' ? -1 : 1);
    return x < y ? -sign : x > y ? sign : 0;
  };
}
