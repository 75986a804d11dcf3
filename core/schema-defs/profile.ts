/**
 * The schema definitions a profile declares. `minimal` is derived from the full definitions and Entra's default
 * mapping targets (core/entra-default-mapping.ts), never written out by hand, so a change to that list shows here:
 * - a target naming a whole attribute (`active`, `members`, the enterprise `manager`) keeps it with every
 *   sub-attribute;
 * - `attr.sub` keeps `attr` with that sub-attribute (`name.givenName`);
 * - a value-filter target `attr[type eq "work"].sub` keeps the sub-attribute it writes, the ones its filter names,
 *   and `primary`: Entra sends the work email as `primary: true`, and RFC 7643 §2.4 pairs `type` with `primary`
 *   on every multi-valued attribute;
 * - common attributes (id, externalId, meta, schemas; RFC 7643 §3.1) are in no schema's list and always accepted.
 * The schema resources themselves (ids, names, descriptions, attribute characteristics) are the full ones.
 */
import { HarnessError } from '../errors.js';
import { ENTRA_DEFAULT_GROUP_TARGETS, ENTRA_DEFAULT_USER_TARGETS } from '../entra-default-mapping.js';
// The parser and referencedPaths reach this folder only through attr-path.ts, never index.ts: no import cycle.
import { FilterSyntaxError } from '../filter/errors.js';
import { parsePath } from '../filter/parser.js';
import { referencedPaths } from '../filter/referenced.js';
import type { PathNode } from '../filter/ast.js';
import { COMMON_ATTRIBUTES } from './common.js';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.js';
import { FULL_SCHEMAS } from './full.js';
import { GROUP_SCHEMA } from './group.js';
import { findByName } from './names.js';
import type { AttributeDef, SchemaProfile, SchemaResource } from './types.js';
import { USER_SCHEMA } from './user.js';

/** Per schema id, per declared top-level attribute: every sub-attribute (`'all'`) or the named ones. */
type Needs = Map<string, Map<string, 'all' | Set<string>>>;

const broken = (target: string, why: string): HarnessError =>
  new HarnessError('HARNESS_INTERNAL', `Entra default mapping target "${target}" ${why}`);

function subNamed(attr: AttributeDef, name: string, target: string): string {
  const sub = findByName(attr.subAttributes, name);
  if (!sub) throw broken(target, `names no sub-attribute "${name}" of ${attr.name}`);
  return sub.name;
}

function parseTarget(target: string): PathNode & { readonly attr: string } {
  let path: PathNode;
  try {
    path = parsePath(target);
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw broken(target, `is not an attribute path (${err.message})`);
    throw err;
  }
  if (path.attr === undefined) throw broken(target, 'names a whole schema, not an attribute');
  return { ...path, attr: path.attr };
}

function addTarget(needs: Needs, target: string, core: SchemaResource, extensions: readonly SchemaResource[]): void {
  const path = parseTarget(target);
  const uri = path.uri?.toLowerCase();
  const schema = uri === undefined ? core : [core, ...extensions].find((s) => s.id.toLowerCase() === uri);
  if (!schema) throw broken(target, `names a schema the resource type does not have (${path.uri})`);
  const attr = findByName(schema.attributes, path.attr);
  if (!attr) {
    // externalId: a common attribute, declared by every profile
    if (uri === undefined && findByName(COMMON_ATTRIBUTES, path.attr)) return;
    throw broken(target, `names no attribute of ${schema.id}`);
  }
  const perSchema = needs.get(schema.id) ?? new Map<string, 'all' | Set<string>>();
  needs.set(schema.id, perSchema);
  const wanted: string[] = [];
  if (path.sub !== undefined) wanted.push(subNamed(attr, path.sub, target));
  if (path.filter !== undefined) {
    for (const p of referencedPaths(path.filter)) if (p.attr !== undefined) wanted.push(subNamed(attr, p.attr, target));
    if (findByName(attr.subAttributes, 'primary')) wanted.push('primary');
  }
  const had = perSchema.get(attr.name);
  if (wanted.length === 0 || had === 'all') perSchema.set(attr.name, 'all');
  else perSchema.set(attr.name, new Set([...(had ?? []), ...wanted]));
}

/** A schema reduced to the needed attributes, in its own order. */
function reduce(schema: SchemaResource, needs: Needs): SchemaResource {
  const perSchema = needs.get(schema.id);
  const attributes = schema.attributes.flatMap((attr) => {
    const need = perSchema?.get(attr.name);
    if (need === undefined) return [];
    if (need === 'all') return [attr];
    return [{ ...attr, subAttributes: (attr.subAttributes ?? []).filter((s) => need.has(s.name)) }];
  });
  return { ...schema, attributes };
}

/**
 * The full schemas reduced to what mapping targets need (exported for the self-tests; the minimal profile is this over
 * Entra's default targets). Throws HarnessError HARNESS_INTERNAL for a target the full schemas do not have.
 */
export function deriveSchemas(targets: { readonly User: readonly string[]; readonly Group: readonly string[] }): readonly SchemaResource[] {
  const needs: Needs = new Map();
  for (const t of targets.User) addTarget(needs, t, USER_SCHEMA, [ENTERPRISE_USER_SCHEMA]);
  for (const t of targets.Group) addTarget(needs, t, GROUP_SCHEMA, []);
  return FULL_SCHEMAS.map((s) => reduce(s, needs));
}

const MINIMAL = deriveSchemas({ User: ENTRA_DEFAULT_USER_TARGETS, Group: ENTRA_DEFAULT_GROUP_TARGETS });

/** The schema definitions a profile declares: User, EnterpriseUser and Group, in that order. */
export function schemasFor(profile: SchemaProfile): readonly SchemaResource[] {
  return profile === 'minimal' ? MINIMAL : FULL_SCHEMAS;
}
