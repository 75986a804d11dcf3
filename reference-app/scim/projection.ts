/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9) over a plain JSON resource.
 * - Attributes returned "always" (id, schemas, meta) stay whatever is asked; "never" ones (password) never appear.
 * - Entries are attribute paths: `userName`, `name.givenName`, `urn:…:enterprise:2.0:User:department`, the bare
 *   extension URN, and value paths `emails[type eq "work"]` / `emails[type eq "work"].value` (Postman items 40–41)
 *   which keep only the matching elements. Names are case-insensitive; entries that do not parse are ignored.
 * - With both lists, `attributes` selects first and `excludedAttributes` then removes.
 */
import { evaluateElement, findKey, getKey, isObject, type PathNode } from '../../core/filter/index.js';
import {
  coreSchemaOf, extensionUri, resolveAttr, type AttributeDef,
} from '../../core/schema-defs/index.js';
import type { ResourceType } from '../../core/resource-type.js';
import { tryParsePath } from './try-parse-path.js';

type Json = Record<string, unknown>;

export interface ProjectionParams {
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
}

/**
 * Splits an `attributes` query value at commas that are outside `[…]` and quotes, so
 * `emails[type eq "work" and value co ","],userName` gives two entries. Empty entries are dropped.
 */
export function parseAttributeList(param: string | undefined): string[] {
  if (!param) return [];
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < param.length; i++) {
    const ch = param[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      out.push(param.slice(start, i));
      start = i + 1;
    }
  }
  out.push(param.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/** Where a path's attribute lives: the container key ('' for the resource itself) and the attribute's definition. */
function locate(path: PathNode, resourceType: ResourceType): { containerKey: string; def: AttributeDef | undefined } {
  const top = resolveAttr(resourceType, { ...(path.uri !== undefined ? { uri: path.uri } : {}), attr: path.attr ?? '' });
  if (top) return { containerKey: top.extension ? top.schema : '', def: top.attr };
  const inCore = path.uri === undefined || path.uri.toLowerCase() === coreSchemaOf(resourceType).toLowerCase();
  return { containerKey: inCore ? '' : path.uri ?? '', def: undefined };
}

function containerOf(resource: Json, containerKey: string): Json | undefined {
  if (containerKey === '') return resource;
  const v = getKey(resource, containerKey);
  return isObject(v) ? v : undefined;
}

function returnedOf(key: string, resourceType: ResourceType, uri?: string): AttributeDef['returned'] | undefined {
  return resolveAttr(resourceType, { ...(uri !== undefined ? { uri } : {}), attr: key })?.attr.returned;
}

/** A selection within one attribute: all of it, some sub-attributes, or per element of a list. */
interface Pick {
  whole: boolean;
  subs: Set<string>;
  elements: Map<number, 'all' | Set<string>>;
}

function pickKeys(obj: unknown, subs: Set<string>): Json | undefined {
  if (!isObject(obj)) return undefined;
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) if (subs.has(k.toLowerCase())) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

function build(value: unknown, pick: Pick): unknown {
  if (pick.whole) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((el, i) => {
      const mask = pick.elements.get(i);
      if (mask === undefined) return;
      const kept = mask === 'all' ? el : pickKeys(el, mask);
      if (kept !== undefined) out.push(kept);
    });
    return out.length > 0 ? out : undefined;
  }
  return pick.subs.size > 0 ? pickKeys(value, pick.subs) : undefined;
}

function include(base: Json, list: readonly string[], resourceType: ResourceType): Json {
  const picks = new Map<string, Pick>();
  const wholeExtensions = new Set<string>();
  for (const text of list) {
    const path = tryParsePath(text);
    if (!path) continue;
    if (path.attr === undefined) {
      const ext = extensionUri(resourceType, path.uri ?? '');
      if (ext) wholeExtensions.add(ext);
      continue;
    }
    const { containerKey, def } = locate(path, resourceType);
    const container = containerOf(base, containerKey);
    const key = container && findKey(container, def?.name ?? path.attr);
    if (!container || key === undefined) continue;
    const id = `${containerKey}\n${key}`;
    const pick = picks.get(id) ?? { whole: false, subs: new Set<string>(), elements: new Map() };
    picks.set(id, pick);
    const value = container[key];
    const sub = path.sub?.toLowerCase();
    const filter = path.filter;
    if (Array.isArray(value)) {
      value.forEach((el, i) => {
        if (filter && !(isObject(el) && evaluateElement(filter, el, resourceType, def))) return;
        const mask = pick.elements.get(i);
        if (sub === undefined) pick.elements.set(i, 'all');
        else if (mask !== 'all') pick.elements.set(i, new Set([...(mask ?? []), sub]));
      });
    } else if (filter) {
      if (isObject(value) && evaluateElement(filter, value, resourceType, def)) {
        if (sub === undefined) pick.whole = true;
        else pick.subs.add(sub);
      }
    } else if (sub === undefined) {
      pick.whole = true;
    } else {
      pick.subs.add(sub);
    }
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(base)) {
    const ext = extensionUri(resourceType, key);
    if (ext !== undefined) {
      if (wholeExtensions.has(ext)) {
        out[key] = value;
        continue;
      }
      if (!isObject(value)) continue;
      const inner: Json = {};
      for (const [k, v] of Object.entries(value)) {
        const pick = picks.get(`${ext}\n${k}`);
        const kept = pick && build(v, pick);
        if (kept !== undefined) inner[k] = kept;
      }
      if (Object.keys(inner).length > 0) out[key] = inner;
      continue;
    }
    if (returnedOf(key, resourceType) === 'always') {
      out[key] = value;
      continue;
    }
    const pick = picks.get(`\n${key}`);
    const kept = pick && build(value, pick);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

function exclude(out: Json, list: readonly string[], resourceType: ResourceType): void {
  for (const text of list) {
    const path = tryParsePath(text);
    if (!path) continue;
    if (path.attr === undefined) {
      const key = findKey(out, path.uri ?? '');
      if (key !== undefined && extensionUri(resourceType, key)) delete out[key];
      continue;
    }
    const { containerKey, def } = locate(path, resourceType);
    if (def?.returned === 'always') continue;
    const container = containerOf(out, containerKey);
    const key = container && findKey(container, def?.name ?? path.attr);
    if (!container || key === undefined) continue;
    const value = container[key];
    const sub = path.sub;
    const filter = path.filter;
    const strip = (el: unknown): unknown => {
      if (!isObject(el) || sub === undefined) return el;
      const subKey = findKey(el, sub);
      if (subKey === undefined) return el;
      const { [subKey]: _dropped, ...rest } = el;
      return rest;
    };
    if (sub === undefined && !filter) {
      delete container[key];
    } else if (Array.isArray(value)) {
      const next = value.flatMap((el) => {
        const hit = !filter || (isObject(el) && evaluateElement(filter, el, resourceType, def));
        if (!hit) return [el];
        return sub === undefined ? [] : [strip(el)];
      });
      container[key] = next;
    } else if (!filter || (isObject(value) && evaluateElement(filter, value, resourceType, def))) {
      container[key] = sub === undefined ? undefined : strip(value);
    }
    if (container[key] === undefined || (isObject(container[key]) && Object.keys(container[key] as Json).length === 0)
      || (Array.isArray(container[key]) && (container[key] as unknown[]).length === 0)) {
      delete container[key];
    }
    if (containerKey !== '' && Object.keys(container).length === 0) {
      const extKey = findKey(out, containerKey);
      if (extKey !== undefined) delete out[extKey];
    }
  }
}

/** The resource as a response shows it, given the request's attributes/excludedAttributes. Never mutates `resource`. */
export function project(resource: Json, params: ProjectionParams, resourceType: ResourceType): Json {
  const base = structuredClone(resource);
  for (const key of Object.keys(base)) {
    const ext = extensionUri(resourceType, key);
    const value = base[key];
    if (ext !== undefined && isObject(value)) {
      for (const k of Object.keys(value)) if (returnedOf(k, resourceType, ext) === 'never') delete value[k];
    } else if (ext === undefined && returnedOf(key, resourceType) === 'never') {
      delete base[key];
    }
  }
  const attributes = params.attributes?.filter((a) => a.trim() !== '') ?? [];
  const out = attributes.length > 0 ? include(base, attributes, resourceType) : base;
  exclude(out, params.excludedAttributes ?? [], resourceType);
  return out;
}
