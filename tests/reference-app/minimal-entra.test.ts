/**
 * Everything Entra's default mapping sends works in the `minimal` profile exactly as in the full one: the same
 * request sequence (the mock IdP's request builder in both PATCH dialects, plus the documented PATCH bodies of
 * tests/reference-app/scim/patch-entra.test.ts) gets the same statuses and bodies from both. Defects combine with it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { serializeQuery, type ScimRequest } from '../../core/client/request.js';
import { ENTRA_DEFAULT_USER_TARGETS } from '../../core/entra-default-mapping.js';
import type { Dialect } from '../../core/run-config.js';
import { URN } from '../../core/urns.js';
import { DEFECTS } from '../../reference-app/defects/index.js';
import { createRequestBuilder, diffForPatch, type AttributeChange, type MappedValues } from '../../mock-idp/request-builder.js';
import { buildResource } from '../../mock-idp/scim-paths.js';
import { app, BASE, entraGroup, entraUser, patchOp, q, send, type Json, type Res } from './helpers.js';

const ENT = URN.EnterpriseUser;
const ORIGIN = 'http://localhost:80';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** One exchange as both profiles must answer it: step, status, and the body with server-made ids numbered. */
type Trace = string[];

class Recorder {
  readonly trace: Trace = [];
  private readonly ids = new Map<string, string>();
  constructor(readonly a: FastifyInstance) {}

  private record(step: string, r: Res): Res {
    const text = r.text.replace(UUID, (id) => {
      const known = this.ids.get(id.toLowerCase()) ?? `<id${this.ids.size + 1}>`;
      this.ids.set(id.toLowerCase(), known);
      return known;
    });
    this.trace.push(`${step} → ${r.status} ${text}`);
    return r;
  }

  async send(step: string, method: string, url: string, body?: unknown): Promise<Res> {
    return this.record(step, await send(this.a, method, url, body));
  }

  async scim(req: ScimRequest): Promise<Res> {
    return this.send(req.step ?? `${req.method} ${req.path}`, req.method, `${BASE}${req.path}${serializeQuery(req.query, req.queryStyle)}`, req.body);
  }
}

/** A value for every default mapping target but the manager (set by reference later): `active` as the Switch yields it. */
function mapped(tag: string, userName: string): MappedValues {
  const values: MappedValues = {};
  for (const target of ENTRA_DEFAULT_USER_TARGETS) {
    if (target === `${ENT}:manager`) continue;
    values[target] = target === 'userName' ? userName : target === 'active' ? 'True' : target.startsWith('emails') ? `${tag}@contoso.example` : `${tag} ${target}`;
  }
  return values;
}

const idOf = (r: Res): string => String(r.body.id);
const user = (userName: string, values: MappedValues) => ({ ...buildResource(values), userName });

/** Entra's default-mapping traffic in one dialect: Test Connection, create, match, update, (de)activate, manager, groups. */
async function entraCycle(rec: Recorder, dialect: Dialect): Promise<void> {
  const b = createRequestBuilder({ dialect, baseUrl: `${ORIGIN}${BASE}` });
  const n = dialect === 'default' ? 'd' : 'f';
  await rec.scim(b.testConnectionUsers('userName', '5e0c2a4c-0000-4000-8000-00000000000a'));
  await rec.scim(b.testConnectionUsers('externalId', '5e0c2a4c-0000-4000-8000-00000000000b'));
  await rec.scim(b.testConnectionUsers('emails[type eq "work"].value', 'nobody@contoso.example'));
  await rec.scim(b.testConnectionGroups('5e0c2a4c-0000-4000-8000-00000000000c'));

  const full = mapped(`${n}1`, `${n}1@contoso.example`);
  const u1 = idOf(await rec.scim(b.createUser(user(`${n}1@contoso.example`, full))));
  const manager = idOf(await rec.scim(b.createUser(user(`${n}.manager@contoso.example`, { externalId: `${n}-manager` }))));
  const sparse = idOf(await rec.scim(b.createUser(user(`${n}2@contoso.example`, { externalId: `${n}-2`, active: 'False' }))));
  await rec.scim(b.findUser('userName', `${n}1@contoso.example`));
  await rec.scim(b.findUser('externalId', String(full.externalId)));
  await rec.scim(b.findUser('emails[type eq "work"].value', `${n}1@contoso.example`));

  // every mapped attribute changes (replace), and every one is set on a user that had none (add)
  const current = (await rec.scim(b.getUser(u1))).body;
  await rec.scim(b.updateUser(u1, diffForPatch(current, mapped(`${n}1b`, `${n}1@contoso.example`))));
  const empty = (await rec.scim(b.getUser(sparse))).body;
  await rec.scim(b.updateUser(sparse, diffForPatch(empty, mapped(`${n}2`, `${n}2@contoso.example`))));
  const removals: AttributeChange[] = [{ path: 'title', kind: 'remove' }, { path: 'addresses[type eq "work"].postalCode', kind: 'remove' }];
  await rec.scim(b.updateUser(u1, removals));
  await rec.scim(b.setActive(u1, false));
  await rec.scim(b.setActive(u1, true));

  await rec.scim(b.setManager(u1, manager, 'add', 'bareString'));
  await rec.scim(b.setManager(u1, manager, 'replace', 'object'));
  await rec.scim(b.setManager(sparse, manager, 'add', 'array'));
  await rec.scim(b.referenceCheck(u1, manager));
  await rec.scim(b.removeManager(u1));
  await rec.scim(b.getUser(u1));

  const g = idOf(await rec.scim(b.createGroup({ displayName: `${n} group`, externalId: `${n}-g` })));
  await rec.scim(b.findGroup(`${n} group`));
  await rec.scim(b.findGroupBy('externalId', `${n}-g`));
  await rec.scim(b.addMembers(g, [u1, sparse, manager]));
  await rec.send('members.value filter', 'GET', `Groups?excludedAttributes=members&filter=${q(`members.value eq "${u1}"`)}`);
  await rec.send('membership check', 'GET', `Groups?excludedAttributes=members&filter=${q(`id eq "${g}" and members.value eq "${sparse}"`)}`);
  await rec.scim(b.removeMembers(g, [sparse]));
  if (dialect === 'default') await rec.scim(createRequestBuilder({ dialect, removeMembersShape: 'doc' }).removeMembers(g, [manager]));
  await rec.scim(b.updateGroup(g, [{ path: 'displayName', value: `${n} group renamed`, kind: 'replace' }, { path: 'externalId', value: `${n}-g2`, kind: 'replace' }]));
  await rec.scim(b.getGroup(g, { excludeMembers: false }));
  await rec.scim(b.getGroup(g));
  await rec.scim(b.deleteGroup(g));
  for (const id of [u1, sparse, manager]) await rec.scim(b.deleteUser(id));
}

/** The documented PATCH bodies (docs/entra-behaviour.md §2, §3.3, patch-entra.test.ts) that name only mapped attributes. */
async function documentedPatches(rec: Recorder): Promise<void> {
  const mk = async (name: string, extra: Json = {}): Promise<string> => idOf(await rec.send(`POST /Users ${name}`, 'POST', 'Users', entraUser(name, extra)));
  const userPatches: Json[][] = [
    [{ op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' }, { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' }],
    [{ op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }],
    [{ op: 'Replace', path: 'active', value: false }],
    [{ op: 'Replace', path: 'active', value: 'False' }, { op: 'replace', path: 'active', value: 'True' }],
    [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com' },
      { op: 'replace', value: { displayName: 'Pvlo', 'name.givenName': 'Gtfd', 'NAME.familyName': 'Pkqf', externalId: 'Eqpj', [`${ENT}:employeeNumber`]: 'Eqpj' } }],
    [{ op: 'Add', path: 'manager', value: [{ $ref: `${ORIGIN}${BASE}/Users/00aa00aa`, value: '00aa00aa' }] }],
    [{ op: 'Add', path: `${ENT}:manager`, value: 'mgr-1' }, { op: 'Remove', path: `${ENT}:manager` }],
    [{ op: 'add', path: ENT, value: { department: 'Sales', manager: { value: 'mgr-2' } } }],
    [{ op: 'Add', path: 'emails[type eq "other"].Value', value: 'z@b.c' }, { op: 'Replace', path: 'emails[type eq "other"].Value', value: 'y@b.c' }],
    [{ op: 'ADD', path: 'addresses[type eq "work"].postalCode', value: '98052' }, { op: 'Replace', path: 'phoneNumbers[type eq "fax"].value', value: '555' }],
    [{ op: 'replace', value: { active: 'False', 'addresses[type eq "work"].locality': 'Redmond', [ENT]: { department: 'Ops' } } }],
  ];
  for (const [i, ops] of userPatches.entries()) {
    const id = await mk(`doc${i}`, { active: i % 2 === 0 ? 'True' : false });
    await rec.send(`PATCH /Users doc ${i}`, 'PATCH', `Users/${id}`, patchOp(...ops));
    await rec.send(`GET /Users doc ${i}`, 'GET', `Users/${id}`);
  }
  const members = [await mk('member.a'), await mk('member.b')];
  const g = idOf(await rec.send('POST /Groups doc', 'POST', 'Groups', entraGroup('doc group')));
  const groupPatches: Json[][] = [
    [{ op: 'Replace', path: 'displayName', value: '1879db59updatedDisplayName' }],
    [{ op: 'Add', path: 'members', value: members.map((value) => ({ $ref: null, value })) }],
    [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: members[0] }] }],
    [{ op: 'add', path: 'members', value: [{ value: members[0] }] }, { op: 'remove', path: `members[value eq "${members[1] ?? ''}"]` }],
    [{ op: 'replace', value: { externalId: '9a2c03ee', displayName: 'ADSHOEMEQYJL' } }],
  ];
  for (const [i, ops] of groupPatches.entries()) {
    await rec.send(`PATCH /Groups doc ${i}`, 'PATCH', `Groups/${g}`, patchOp(...ops));
    await rec.send(`GET /Groups doc ${i}`, 'GET', `Groups/${g}`);
  }
}

async function traceOf(schema: 'full' | 'minimal', run: (rec: Recorder) => Promise<void>): Promise<Trace> {
  const a = app({ schema, clock: () => Date.UTC(2026, 0, 1) });
  try {
    const rec = new Recorder(a);
    await run(rec);
    return rec.trace;
  } finally {
    await a.close();
  }
}

describe('minimal profile: Entra\'s default-mapping traffic', () => {
  for (const dialect of ['default', 'aadOptscim062020'] as const) {
    it(`the ${dialect} dialect gets the same answers as from the full profile, all 2xx`, async () => {
      const full = await traceOf('full', (rec) => entraCycle(rec, dialect));
      const minimal = await traceOf('minimal', (rec) => entraCycle(rec, dialect));
      assert.ok(full.length > 35, `the cycle sends its requests (${full.length})`);
      for (const line of minimal) assert.match(line, /→ 2\d\d /, `succeeds in the minimal profile: ${line.slice(0, 300)}`);
      assert.deepEqual(minimal, full, 'same statuses and bodies in both profiles');
    });
  }

  it('the documented PATCH bodies get the same answers as from the full profile, all 2xx', async () => {
    const full = await traceOf('full', documentedPatches);
    const minimal = await traceOf('minimal', documentedPatches);
    for (const line of minimal) assert.match(line, /→ 2\d\d /, `succeeds in the minimal profile: ${line.slice(0, 300)}`);
    assert.deepEqual(minimal, full, 'same statuses and bodies in both profiles');
    assert.ok(minimal.some((l) => l.includes('"postalCode":"98052"')), 'value-filter adds create the element');
  });

  it('the mapped values end up where Entra reads them back', async () => {
    const a = app({ schema: 'minimal' });
    const b = createRequestBuilder({ dialect: 'default' });
    const values = mapped('v', 'v@contoso.example');
    const created = await send(a, 'POST', 'Users', b.createUser(user('v@contoso.example', values)).body);
    assert.equal(created.status, 201, 'POST /Users with every mapped attribute');
    const changes = diffForPatch(created.body, values);
    assert.deepEqual(changes, [], `nothing differs when Entra compares what it mapped with what it reads: ${JSON.stringify(changes)}`);
    await a.close();
  });
});

describe('minimal profile: defects combine with it', () => {
  for (const d of DEFECTS) {
    it(`${d.name}: the Entra cycle never gets a 5xx, and an undeclared path is still refused`, async () => {
      const internal: unknown[] = [];
      const a = app({ schema: 'minimal', defects: [d.name], onInternalError: (e) => internal.push(e) });
      try {
        // the probe comes first, before rate-limit-429's bucket runs dry
        const u = await send(a, 'POST', 'Users', entraUser('probe'));
        const probe = await send(a, 'PATCH', `Users/${String(u.body.id)}`, patchOp({ op: 'add', path: 'nickName', value: 'N' }));
        assert.equal(probe.status, 400, `nickName refused under ${d.name}: ${probe.text.slice(0, 200)}`);
        const rec = new Recorder(a);
        for (const dialect of ['default', 'aadOptscim062020'] as const) await entraCycle(rec, dialect);
        const errors = rec.trace.filter((l) => / → 5\d\d /.test(l));
        assert.deepEqual(errors, [], `no 5xx under ${d.name}`);
        assert.deepEqual(internal, [], 'no internal error');
      } finally {
        await a.close();
      }
    });
  }

  it('the defects act in the minimal profile as in the full one', async () => {
    const phone = app({ schema: 'minimal', defects: ['reformat-phone'] });
    const created = await send(phone, 'POST', 'Users', entraUser('phone', { phoneNumbers: [{ type: 'work', value: '4255550100' }] }));
    assert.deepEqual(created.body.phoneNumbers, [{ type: 'work', value: '+1 (425) 555-0100' }], 'reformat-phone reformats');
    await phone.close();

    const numeric = app({ schema: 'minimal', defects: ['status-as-number'] });
    const refused = await send(numeric, 'GET', `Users?filter=${q('nickName pr')}`);
    assert.deepEqual([refused.status, refused.body.status, refused.body.scimType], [400, 400, 'invalidFilter'], 'the gate\'s error goes through the response hook');
    await numeric.close();

    const dotted = app({ schema: 'minimal', defects: ['dotted-keys-literal'] });
    const u = await send(dotted, 'POST', 'Users', entraUser('dotted'));
    const r = await send(dotted, 'PATCH', `Users/${String(u.body.id)}`, patchOp({ op: 'replace', value: { 'name.givenName': 'New', displayName: 'D' } }));
    assert.deepEqual([r.status, (r.body.name as Json).givenName, r.body.displayName], [200, 'Given', 'D'], 'dotted-keys-literal drops the dotted key');
    await dotted.close();
  });
});
