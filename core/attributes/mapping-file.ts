/**
 * `--attributes FILE`: the vendor's own Entra attribute mapping, when it differs from what /Schemas declares or
 * from Entra's default. JSON, one of:
 * - `{"user": ["userName", "emails[type eq \"work\"].value", …], "group": ["displayName", …]}` (group optional);
 * - the emulator's mapping file (`{"user": {"attributes": [{"target": …}, …]}, "group": {…}}`, see mock-idp/);
 * - a bare array of user target paths.
 */
import { readFileSync } from 'node:fs';
import { ENTRA_DEFAULT_GROUP_TARGETS } from '../entra-default-mapping.js';
import { HarnessError } from '../errors.js';
import { isObject } from '../filter/index.js';
import type { ResourceType } from '../resource-type.js';
import { attributeKeys, AttributeSet } from './attribute-set.js';


function targetsOf(v: unknown, where: string, file: string): string[] | undefined {
  if (v === undefined) return undefined;
  const list = Array.isArray(v) ? v : isObject(v) && Array.isArray(v.attributes) ? v.attributes.map((a) => (isObject(a) ? a.target : a)) : undefined;
  if (!list) throw bad(file, `${where} must be a list of target attribute paths, or {"attributes": [{"target": …}]}`);
  return list.map((t, i) => {
    if (typeof t !== 'string' || t.trim() === '') throw bad(file, `${where}[${i}] must be a target attribute path such as "name.givenName"`);
    return t.trim();
  });
}

const bad = (file: string, message: string): HarnessError => new HarnessError('HARNESS_CONFIG', `--attributes ${file}: ${message}`);

/** Parses the mapping; every problem is a HARNESS_CONFIG error naming the file and the entry. */
export function parseAttributeMapping(text: string, file: string): AttributeSet {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw bad(file, `not JSON (${(err as Error).message})`);
  }
  const user = targetsOf(Array.isArray(json) ? json : isObject(json) ? json.user : undefined, 'user', file);
  if (!user) throw bad(file, 'expected {"user": [target paths…], "group": [target paths…]} or a list of user target paths');
  const group = isObject(json) ? targetsOf(json.group, 'group', file) : undefined;
  for (const [kind, list] of [['User', user], ['Group', group ?? []]] as Array<[ResourceType, string[]]>) {
    const wrong = list.find((p) => attributeKeys(kind, p) === undefined);
    if (wrong !== undefined) throw bad(file, `${JSON.stringify(wrong)} is not an attribute path (attr, attr.sub, attr[type eq "work"].sub or urn:…:attr)`);
  }
  if (!user.some((p) => p.toLowerCase() === 'username')) throw bad(file, 'the user mapping must include userName: Entra matches and creates users by it');
  return AttributeSet.fromPaths('attributes-file', { user, group: group ?? [...ENTRA_DEFAULT_GROUP_TARGETS] });
}

export function readAttributeMapping(file: string): AttributeSet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw bad(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseAttributeMapping(text, file);
}
