/**
 * The attributes a run may write: what the endpoint declares in /Schemas, or the vendor's own Entra mapping
 * (`--attributes`), or — when /Schemas is missing or broken — Entra's default mapping. Entra only sends attributes an
 * admin mapped, and admins map what the app's schema declares, so a check that writes anything else would judge the
 * endpoint on a request Entra never sends. Paths are Entra target paths (`emails[type eq "work"].value`,
 * `urn:…:enterprise:2.0:User:department`); the set keeps the schema attributes they name as lower-case keys
 * (`emails.value`, `emails.type`, `urn:…:user:department`).
 */
import { FilterSyntaxError, parsePath, referencedPaths } from '../filter/index.js';
import type { ResourceType } from '../resource-type.js';
import { URN } from '../urns.js';

/** Where the set came from; the report says it, and n/a reasons are worded after it. */
export type AttributeSource = 'schemas' | 'attributes-file' | 'default-mapping';

export interface AttributeSetJson {
  source: AttributeSource;
  /** Why this source (e.g. why /Schemas could not be used). */
  note?: string;
  user: string[];
  group: string[];
}

/** Attributes every SCIM resource has (RFC 7643 §3.1): never in question. */
const COMMON = ['id', 'externalid', 'meta', 'schemas'];

const CORE_URN: Record<ResourceType, string> = { User: URN.User.toLowerCase(), Group: URN.Group.toLowerCase() };

/**
 * The schema attributes one target path writes, as keys: the attribute (with its extension URN), the
 * sub-attribute it addresses and those its value filter selects on. Undefined when the text is not a path.
 */
export function attributeKeys(kind: ResourceType, path: string): string[] | undefined {
  let node;
  try {
    node = parsePath(path);
  } catch (err) {
    if (err instanceof FilterSyntaxError) return undefined;
    throw err;
  }
  if (!node.attr) return undefined;
  const uri = node.uri?.toLowerCase();
  const base = `${uri && uri !== CORE_URN[kind] ? `${uri}:` : ''}${node.attr.toLowerCase()}`;
  const keys = [base];
  if (node.sub) keys.push(`${base}.${node.sub.toLowerCase()}`);
  if (node.filter) {
    for (const p of referencedPaths(node.filter)) if (p.attr) keys.push(`${base}.${p.attr.toLowerCase()}`);
  }
  return keys;
}

export class AttributeSet {
  private readonly keys: Record<ResourceType, ReadonlySet<string>>;

  /**
   * @param user, group keys as attributeKeys gives them; a key ending in `.*` stands for every sub-attribute of a
   *   complex attribute declared without its sub-attributes (a sloppy schema is read generously: a missing n/a
   *   costs less trust than a false alarm, and the check still proves what it writes).
   */
  constructor(readonly source: AttributeSource, user: Iterable<string>, group: Iterable<string>, readonly note?: string) {
    this.keys = { User: new Set([...COMMON, ...user]), Group: new Set([...COMMON, ...group]) };
  }

  /** From Entra target paths (a mapping): each path's attribute keys. Unparsable paths are the caller's to reject. */
  static fromPaths(source: AttributeSource, paths: { user: readonly string[]; group: readonly string[] }, note?: string): AttributeSet {
    const keysOf = (kind: ResourceType, list: readonly string[]): string[] => list.flatMap((p) => attributeKeys(kind, p) ?? []);
    return new AttributeSet(source, keysOf('User', paths.user), keysOf('Group', paths.group), note);
  }

  /** True when every attribute `path` writes is in the set. */
  has(kind: ResourceType, path: string): boolean {
    const keys = attributeKeys(kind, path);
    return keys !== undefined && keys.every((k) => this.hasKey(kind, k));
  }

  /** The paths of `paths` the set lacks. */
  missing(kind: ResourceType, paths: readonly string[]): string[] {
    return paths.filter((p) => !this.has(kind, p));
  }

  /** One attribute key: itself, or its complex parent declared with every sub-attribute. */
  hasKey(kind: ResourceType, key: string): boolean {
    const set = this.keys[kind];
    if (set.has(key)) return true;
    const dot = key.lastIndexOf('.');
    return dot > 0 && set.has(`${key.slice(0, dot)}.*`);
  }

  /** Where the set's attributes of `kind` come from, in words a vendor reads in the report. */
  origin(kind: ResourceType): string {
    return {
      schemas: `the ${kind} schema the endpoint declares in /Schemas`,
      'attributes-file': `the ${kind} attribute mapping given with --attributes`,
      'default-mapping': `Entra's default ${kind} attribute mapping (the endpoint's /Schemas could not be used)`,
    }[this.source];
  }

  /** Why a path is not in the set: the reason of an n/a. */
  whyMissing(kind: ResourceType, path: string): string {
    return `${path} is not in ${this.origin(kind)}`;
  }

  toJSON(): AttributeSetJson {
    const list = (kind: ResourceType): string[] => [...this.keys[kind]].filter((k) => !COMMON.includes(k)).sort();
    return { source: this.source, ...(this.note ? { note: this.note } : {}), user: list('User'), group: list('Group') };
  }

  static fromJSON(json: AttributeSetJson): AttributeSet {
    return new AttributeSet(json.source, json.user, json.group, json.note);
  }
}
