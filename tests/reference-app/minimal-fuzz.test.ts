/**
 * The minimal profile under generated requests: the general fuzz of tests/reference-app/fuzz-long.ts (which names nickName, roles and
 * unknown URNs everywhere) never gets a 5xx, and undeclared attributes put in random positions, in random case, with
 * random values, always get the refusal of their position while the data stays as it was.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { resolveAttr, schemasFor } from '../../core/schema-defs/index.js';
import type { ResourceType } from '../../core/resource-type.js';
import { URN } from '../../core/urns.js';
import { referenceAppInternals } from '../../reference-app/app.js';
import { fuzzReferenceApp } from './fuzz-long.js';
import { app, createGroup, createUser, entraGroup, entraUser, patchOp, q, send, type Json, type Res } from './helpers.js';

const ENT = URN.EnterpriseUser;

/** An attribute the full profile has and the minimal one does not: a whole attribute, or a sub-attribute of a declared one. */
interface Undeclared {
  readonly type: ResourceType;
  /** `nickName`, `urn:…:enterprise:2.0:User:costCenter`, `name` (with sub `middleName`). */
  readonly attr: string;
  readonly sub?: string;
  readonly multiValued: boolean;
}

/** Derived from the two profiles, plus names no schema has (the full profile drops those; the minimal refuses them). */
function undeclaredAttributes(): Undeclared[] {
  const out: Undeclared[] = [];
  for (const schema of schemasFor('full')) {
    const type: ResourceType = schema.id === URN.Group ? 'Group' : 'User';
    for (const a of schema.attributes) {
      const attr = schema.id === ENT ? `${ENT}:${a.name}` : a.name;
      if (!resolveAttr(type, attr, 'minimal')) {
        out.push({ type, attr, multiValued: a.multiValued });
        continue;
      }
      for (const s of a.subAttributes ?? []) {
        if (!resolveAttr(type, `${attr}.${s.name}`, 'minimal')) out.push({ type, attr, sub: s.name, multiValued: a.multiValued });
      }
    }
  }
  for (const type of ['User', 'Group'] as const) {
    out.push({ type, attr: 'description', multiValued: false }, { type, attr: `urn:example:ext:1.0:${type}:tag`, multiValued: false });
  }
  out.push({ type: 'Group', attr: 'members', sub: 'primary', multiValued: true });
  return out;
}

const UNDECLARED = undeclaredAttributes();

/** null, "", and lists or objects of nothing else: what carries no value. */
const isEmpty = (v: unknown): boolean =>
  v === null || v === '' || (Array.isArray(v) && v.every(isEmpty)) || (typeof v === 'object' && v !== null && Object.values(v).every(isEmpty));

const value = fc.oneof(fc.string({ minLength: 1 }), fc.integer(), fc.boolean(), fc.constantFrom('True', 'False'), fc.jsonValue({ maxDepth: 2 }))
  .filter((v) => !isEmpty(v));

/** The name with each letter's case flipped or not (names are case-insensitive). */
const mangled = (name: string): fc.Arbitrary<string> =>
  fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((flips) => [...name].map((c, i) => (flips[i] ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c)).join(''));

const pathText = (u: Undeclared): string => (u.sub === undefined ? u.attr : `${u.attr}.${u.sub}`);

type Position = 'patch-path' | 'patch-filter' | 'patch-key' | 'patch-nested' | 'post' | 'put' | 'filter' | 'search' | 'projection';

interface Case {
  readonly u: Undeclared;
  readonly position: Position;
  readonly name: string;
  readonly value: unknown;
  readonly op: string;
  /** Picks one of two forms: an extension attribute inside its extension object or URN-qualified; excluded or selected. */
  readonly variant: boolean;
  /** Puts a declared attribute or filter term beside the undeclared one. */
  readonly withValid: boolean;
}

const caseArbitrary: fc.Arbitrary<Case> = fc.constantFrom(...UNDECLARED).chain((u) => fc.record({
  u: fc.constant(u),
  position: fc.constantFrom<Position>('patch-path', 'patch-filter', 'patch-key', 'patch-nested', 'post', 'put', 'filter', 'search', 'projection')
    // a value filter needs a multi-valued attribute whose sub-attribute is the undeclared one
    .filter((p) => p !== 'patch-filter' || (u.sub !== undefined && u.multiValued)),
  name: mangled(pathText(u)),
  value,
  op: fc.constantFrom('add', 'Add', 'REPLACE', 'replace', 'Remove'),
  variant: fc.boolean(),
  withValid: fc.boolean(),
}));

interface Expected {
  readonly status: number;
  readonly scimType?: string;
}

const EXPECTED: Record<Position, Expected> = {
  'patch-path': { status: 400, scimType: 'invalidPath' },
  'patch-filter': { status: 400, scimType: 'invalidPath' },
  'patch-key': { status: 400, scimType: 'invalidPath' },
  'patch-nested': { status: 400, scimType: 'invalidPath' },
  post: { status: 400, scimType: 'invalidValue' },
  put: { status: 400, scimType: 'invalidValue' },
  filter: { status: 400, scimType: 'invalidFilter' },
  search: { status: 400, scimType: 'invalidFilter' },
  projection: { status: 200 },
};

interface Targets {
  readonly User: string;
  readonly Group: string;
}

let serial = 0;

/**
 * The value as a body (or a path-less PATCH value) carries it, under the mangled names: `{nickName: v}`,
 * `{name: {middleName: v}}`, `{emails: [{value, display: v}]}`, `{"urn:…:User": {costCenter: v}}`.
 */
function carried(c: Case, attr: string, sub: string | undefined): Json {
  if (sub !== undefined) return { [attr]: c.u.multiValued ? [{ value: 'x', [sub]: c.value }] : { [sub]: c.value } };
  const prefix = `${ENT}:`.toLowerCase();
  if (c.variant && attr.toLowerCase().startsWith(prefix)) return { [ENT]: { [attr.slice(prefix.length)]: c.value } };
  return { [attr]: c.value };
}

/** The request for a case; `name` is the mangled `attr[.sub]`. */
async function sendCase(a: FastifyInstance, ids: Targets, c: Case): Promise<Res> {
  const { u } = c;
  const ep = u.type === 'User' ? 'Users' : 'Groups';
  const one = `${ep}/${ids[u.type]}`;
  const valid: Json = c.withValid ? (u.type === 'User' ? { title: 'T' } : { externalId: 'E' }) : {};
  const dot = c.name.lastIndexOf('.');
  const [attr, sub] = u.sub === undefined ? [c.name, undefined] : [c.name.slice(0, dot), c.name.slice(dot + 1)];
  switch (c.position) {
    case 'patch-path':
      return send(a, 'PATCH', one, patchOp({ op: c.op, path: c.name, value: c.value }));
    case 'patch-filter':
      return send(a, 'PATCH', one, patchOp({ op: c.op, path: `${attr}[${sub ?? ''} eq "x"].value`, value: c.value }));
    case 'patch-key':
      return send(a, 'PATCH', one, patchOp({ op: c.op === 'Remove' ? 'add' : c.op, value: { ...valid, [c.name]: c.value } }));
    case 'patch-nested':
      return send(a, 'PATCH', one, patchOp({ op: c.op === 'Remove' ? 'replace' : c.op, value: { ...valid, ...carried(c, attr, sub) } }));
    case 'post':
    case 'put': {
      const part = carried(c, attr, sub);
      const name = `fuzzed${(serial += 1)}`;
      if (c.position === 'post') return send(a, 'POST', ep, u.type === 'User' ? entraUser(name, part) : entraGroup(name, part));
      const current = (await send(a, 'GET', one)).body;
      const { id: _id, meta: _meta, ...writable } = current;
      return send(a, 'PUT', one, { ...writable, ...part });
    }
    case 'filter':
      return send(a, 'GET', `${ep}?filter=${q(c.withValid ? `id pr and (${c.name} pr or ${c.name} eq "x")` : `${c.name} eq "x"`)}`);
    case 'search':
      return send(a, 'POST', u.type === 'User' && c.withValid ? '.search' : `${ep}/.search`, { schemas: [URN.SearchRequest], filter: `not (${c.name} co "x")` });
    case 'projection':
      return send(a, 'GET', `${one}?${projection(c)}=${encodeURIComponent(`displayName,${c.name}`)}`);
  }
}

const projection = (c: Case): string => (c.variant ? 'excludedAttributes' : 'attributes');

const snapshot = (a: FastifyInstance): string =>
  JSON.stringify(referenceAppInternals(a).db.prepare('SELECT id, version, attrs FROM resources ORDER BY id').all());

describe('minimal profile: fuzz', () => {
  it('the general fuzz (3 000 generated requests) never gets a 5xx and always answers as SCIM', async () => {
    const report = await fuzzReferenceApp({ runs: 3000, seed: 20261205, schema: 'minimal' });
    assert.equal(report.failure, undefined, `invariant broken: ${report.failure}`);
    assert.ok((report.statuses['400'] ?? 0) > 100, `many requests are refused, none crash: ${JSON.stringify(report.statuses)}`);
  });

  it('an undeclared attribute in a random position, case and value gets its position\'s answer, and writes nothing', async () => {
    assert.ok(UNDECLARED.some((u) => u.attr === 'nickName') && UNDECLARED.some((u) => u.sub === 'middleName'), 'the derived list holds the obvious ones');
    const internal: unknown[] = [];
    const a = app({ schema: 'minimal', onInternalError: (e) => internal.push(e) });
    const ids: Targets = { User: String((await createUser(a, 'fuzz.target')).id), Group: String((await createGroup(a, 'fuzz group')).id) };
    const seen = new Set<Position>();
    await fc.assert(fc.asyncProperty(caseArbitrary, async (c) => {
      const before = snapshot(a);
      const r = await sendCase(a, ids, c);
      const want = EXPECTED[c.position];
      const what = `${c.position} ${c.u.type} ${c.name} = ${JSON.stringify(c.value)?.slice(0, 80)}`;
      assert.ok(r.status < 500, `${what}: no 5xx (${r.status})`);
      assert.equal(r.status, want.status, `${what}: ${r.text.slice(0, 300)}`);
      if (want.scimType) {
        assert.deepEqual([r.body.schemas, r.body.scimType], [[URN.Error], want.scimType], `${what}: a SCIM error with scimType ${want.scimType}`);
        assert.equal(snapshot(a), before, `${what}: the data is as it was`);
      } else {
        const without = await send(a, 'GET', `${c.u.type === 'User' ? 'Users' : 'Groups'}/${ids[c.u.type]}?${projection(c)}=displayName`);
        assert.deepEqual(r.body, without.body, `${what}: the undeclared name is ignored`);
      }
      seen.add(c.position);
    }), { numRuns: 1500, seed: 20261206 });
    assert.equal(seen.size, Object.keys(EXPECTED).length, `every position was tried: ${[...seen].join(', ')}`);
    assert.deepEqual(internal, [], 'no internal error');
    await a.close();
  });
});
