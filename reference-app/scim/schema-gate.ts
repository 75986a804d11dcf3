/**
 * The gate of a schema profile narrower than the full one (`minimal`): whatever a request names must be an
 * attribute the profile declares in /Schemas, as careful third-party servers insist (issue #21). The full profile
 * has no gate and keeps its leniency (unknown attributes in a body are dropped).
 * - PATCH: a path, an attribute of its value filter, or a key of a value object (path-less, or below the path) that
 *   names an undeclared attribute → 400 invalidPath. The keys of a value object act as paths (RFC 7644 §3.5.2), so
 *   this is the "path" error many servers send for them.
 * - POST/PUT: a body attribute, sub-attribute or extension attribute that is undeclared → 400 invalidValue. RFC 7644
 *   §3.12 gives invalidValue for a value "not compatible with ... resource schema"; invalidSyntax is for a message
 *   that does not have the request's structure, and the body's structure is intact.
 * - filter: an undeclared attribute → 400 invalidFilter ("the specified attribute and filter comparison combination
 *   is not supported", §3.12).
 * - attributes / excludedAttributes: undeclared names are dropped. §3.4.2.5 defines no error for these parameters
 *   (§3.12 has no scimType for them), and a name the service does not hold selects or removes nothing.
 * Names match case-insensitively. A key with no value (null, "", [], {}) carries nothing and is not checked: the
 * write logic drops it anyway, and Entra's create sends `roles: []`. Nor are values of readOnly attributes (id, meta)
 * checked, nor anything malformed (a path that does not parse, a body that is not an object): the write logic answers
 * those as in the full profile.
 */
import { asArray, findKey, isObject, referencedPaths, type AttrPath, type FilterNode, type PathNode } from '../../core/filter/index.js';
import {
  extensionUri, resolveAttr, splitAttrPath,
  type AttributeDef, type ResolvedAttr, type SchemaProfile,
} from '../../core/schema-defs/index.js';
import type { ResourceType } from '../../core/resource-type.js';
import { findSub } from './coerce.js';
import { badRequest, type ScimError, type ScimType } from './scim-error.js';
import { tryParsePath } from './try-parse-path.js';

/** null, "", and lists or objects holding nothing else. */
function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.every(isEmpty);
  return isObject(v) && Object.values(v).every(isEmpty);
}

/** `written` is the path as the client wrote it, when it says more than the name (a value filter, a URN). */
const undeclaredError = (scimType: ScimType, name: string, type: ResourceType, written = name): ScimError =>
  badRequest(scimType, `"${name}"${written === name ? '' : ` (in ${JSON.stringify(written)})`} is not an attribute this service declares for ${type} (see /Schemas)`);

export class SchemaGate {
  constructor(private readonly profile: SchemaProfile) {}

  /** POST and PUT bodies. */
  checkResource(body: unknown, type: ResourceType): void {
    if (!isObject(body)) return;
    for (const [key, raw] of Object.entries(body)) {
      if (isEmpty(raw)) continue;
      const ext = extensionUri(type, key);
      if (ext === undefined) {
        // as normalizeForWrite reads keys: plain attribute names, or `urn:…:attr` qualified ones
        this.checkNamed(type, /^urn:/i.test(key) ? splitAttrPath(key) : { attr: key }, raw, 'invalidValue', key);
      } else if (isObject(raw)) {
        for (const [name, v] of Object.entries(raw)) {
          if (!isEmpty(v)) this.checkNamed(type, { uri: ext, attr: name }, v, 'invalidValue', `${ext}:${name}`);
        }
      }
    }
  }

  /** A PATCH body, every operation before any is applied. */
  checkPatch(body: unknown, type: ResourceType): void {
    if (!isObject(body)) return;
    const operations = body[findKey(body, 'Operations') ?? 'Operations'];
    if (!Array.isArray(operations)) return;
    for (const operation of operations) {
      if (!isObject(operation)) continue;
      const path = operation[findKey(operation, 'path') ?? 'path'];
      const value = operation[findKey(operation, 'value') ?? 'value'];
      if (typeof path === 'string' && path.trim() !== '') {
        this.checkTarget(type, path.trim(), value);
      } else if (isObject(value)) {
        for (const [key, v] of Object.entries(value)) {
          if (key.toLowerCase() !== 'schemas' && !isEmpty(v)) this.checkTarget(type, key, v);
        }
      }
    }
  }

  /** A parsed filter over one resource type, or several (the root /.search): each path declared by one of them. */
  checkFilter(node: FilterNode, types: readonly ResourceType[]): void {
    for (const path of referencedPaths(node)) {
      if (!types.some((t) => this.undeclared(t, path) === undefined)) {
        throw badRequest('invalidFilter', `"${nameOf(path)}" is not an attribute this service declares (see /Schemas)`);
      }
    }
  }

  /** An attributes / excludedAttributes list without the names no type declares; undefined when none is left. */
  declaredNames(names: readonly string[] | undefined, types: readonly ResourceType[]): string[] | undefined {
    const kept = names?.filter((text) => {
      const path = tryParsePath(text);
      return path !== undefined && types.some((t) => this.undeclared(t, path) === undefined);
    });
    return kept && kept.length > 0 ? kept : undefined;
  }

  /** A PATCH path (or value key) and the value it takes. */
  private checkTarget(type: ResourceType, text: string, value: unknown): void {
    const path = tryParsePath(text);
    if (!path) return;
    const bad = this.undeclared(type, path);
    if (bad !== undefined) throw undeclaredError('invalidPath', bad, type, text);
    if (path.attr === undefined) {
      // a whole extension: its object's keys are attributes of the extension (patch.ts reads them so)
      if (isObject(value)) {
        for (const [key, v] of Object.entries(value)) if (!isEmpty(v)) this.checkTarget(type, `${path.uri}:${key}`, v);
      }
      return;
    }
    const top = this.topOf(type, path);
    if (top && path.sub === undefined) this.checkValue(top.attr, value, 'invalidPath', text, type);
  }

  /** A named attribute of a resource body and its value. */
  private checkNamed(type: ResourceType, path: AttrPath, value: unknown, scimType: ScimType, where: string): void {
    if (path.attr === undefined || this.undeclared(type, path) !== undefined) throw undeclaredError(scimType, where, type);
    const top = this.topOf(type, path);
    if (top && path.sub === undefined) this.checkValue(top.attr, value, scimType, where, type);
  }

  /** The sub-attribute keys of a complex value (one object or a list of them). */
  private checkValue(def: AttributeDef, value: unknown, scimType: ScimType, where: string, type: ResourceType): void {
    if (def.type !== 'complex' || def.mutability === 'readOnly') return;
    for (const element of asArray(value)) {
      if (!isObject(element)) continue;
      for (const [key, v] of Object.entries(element)) {
        if (!isEmpty(v) && !findSub(def, key)) throw undeclaredError(scimType, `${where}.${key}`, type);
      }
    }
  }

  /** The top-level attribute a path names, as the profile declares it. */
  private topOf(type: ResourceType, path: AttrPath): ResolvedAttr | undefined {
    if (path.attr === undefined) return undefined;
    return resolveAttr(type, { ...(path.uri !== undefined ? { uri: path.uri } : {}), attr: path.attr }, this.profile);
  }

  /**
   * The first name in a path (attribute, sub-attribute, value-filter attribute) the profile does not declare for the
   * type, or undefined when it declares them all.
   */
  private undeclared(type: ResourceType, path: PathNode): string | undefined {
    if (path.attr === undefined) return extensionUri(type, path.uri ?? '') === undefined ? path.uri ?? '' : undefined;
    const top = this.topOf(type, path);
    if (!top) return nameOf(path);
    if (path.sub !== undefined && !findSub(top.attr, path.sub)) return nameOf(path);
    for (const inner of path.filter ? referencedPaths(path.filter) : []) {
      if (inner.attr === undefined || !findSub(top.attr, inner.attr)) return `${top.attr.name}.${inner.attr ?? ''}`;
    }
    return undefined;
  }
}

function nameOf(path: AttrPath): string {
  const attr = path.attr === undefined ? '' : path.sub === undefined ? path.attr : `${path.attr}.${path.sub}`;
  return path.uri === undefined ? attr : attr === '' ? path.uri : `${path.uri}:${attr}`;
}
