/**
 * The `minimal` schema profile over HTTP: /Schemas declares only Entra's default mapping, and every other attribute
 * is refused where a request names it (PATCH 400 invalidPath, POST/PUT 400 invalidValue, filter 400 invalidFilter)
 * or ignored (attributes/excludedAttributes). The full profile, the default, is unchanged.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { serveOptions } from '../../cli/commands/serve.js';
import { HarnessError } from '../../core/errors.js';
import { resourceTypes, schemaResources, serviceProviderConfig } from '../../core/schema-defs/index.js';
import { URN } from '../../core/urns.js';
import { referenceAppInternals } from '../../reference-app/app.js';
import { app, BASE, createGroup, createUser, entraGroup, entraUser, expectScimError, expectStatus, patchOp, q, resources, send, type Json } from './helpers.js';

const ENT = URN.EnterpriseUser;
const ORIGIN = 'http://localhost:80';

const minimal = (): FastifyInstance => app({ schema: 'minimal' });

/** Everything a write could change, so a refused request is shown to leave the data as it was. */
const snapshot = (a: FastifyInstance): string =>
  JSON.stringify(referenceAppInternals(a).db.prepare('SELECT id, version, attrs FROM resources ORDER BY id').all());

describe('minimal profile: discovery', () => {
  it('/Schemas lists exactly the derived schemas, /Schemas/{id} each one (any case)', async () => {
    const a = minimal();
    const r = await send(a, 'GET', 'Schemas');
    expectStatus(r, 200, 'GET /Schemas');
    const expected = schemaResources(`${ORIGIN}${BASE}`, 'minimal');
    assert.deepEqual(r.body.Resources, JSON.parse(JSON.stringify(expected)), 'the minimal schemas, as schemasFor(\'minimal\') derives them');
    assert.equal(r.body.totalResults, 3, 'User, EnterpriseUser, Group');
    for (const s of expected) {
      const one = await send(a, 'GET', `Schemas/${s.id.toUpperCase()}`);
      expectStatus(one, 200, `GET /Schemas/${s.id}`);
      assert.deepEqual(one.body, JSON.parse(JSON.stringify(s)), `${s.name} alone`);
    }
    const names = (r.body.Resources as Json[]).flatMap((s) => (s.attributes as Json[]).map((x) => x.name));
    for (const gone of ['nickName', 'roles', 'groups', 'password', 'costCenter']) assert.equal(names.includes(gone), false, `${gone} is not declared`);
    await a.close();
  });

  it('/ResourceTypes and /ServiceProviderConfig are those of the full profile', async () => {
    const a = minimal();
    const types = await send(a, 'GET', 'ResourceTypes');
    assert.deepEqual(types.body.Resources, resourceTypes(`${ORIGIN}${BASE}`), 'User with the enterprise extension, and Group');
    const spc = await send(a, 'GET', 'ServiceProviderConfig');
    assert.deepEqual(spc.body, serviceProviderConfig({ baseUrl: `${ORIGIN}${BASE}`, maxResults: 200, maxPayloadSize: 2 * 1024 * 1024 }), 'same capabilities');
    await a.close();
  });

  it('the full profile is the default and serves every RFC 7643 attribute', async () => {
    const full = app();
    const explicit = app({ schema: 'full' });
    const a = await send(full, 'GET', 'Schemas');
    const b = await send(explicit, 'GET', 'Schemas');
    assert.equal(a.text, b.text, 'schema: "full" answers byte for byte what no option answers');
    assert.deepEqual(a.body.Resources, JSON.parse(JSON.stringify(schemaResources(`${ORIGIN}${BASE}`))), 'the full schemas');
    expectStatus(await send(full, 'POST', 'Users', entraUser('lenient', { nickName: 'N', costCenter: 'C' })), 201, 'full still takes nickName and drops the unknown');
    await Promise.all([full.close(), explicit.close()]);
  });
});

describe('minimal profile: PATCH naming an undeclared attribute is 400 invalidPath', () => {
  const PATHS = [
    'nickName', 'NICKNAME', 'roles[primary eq "True"].value', 'roles', 'name.middleName', 'Name.MiddleName', `${ENT}:costCenter`,
    `${ENT.toUpperCase()}:COSTCENTER`, `${URN.User}:nickName`, 'emails[display eq "x"].value', 'emails.display', 'phoneNumbers[type eq "work"].display',
    'groups', 'password', 'x509Certificates', 'urn:example:ext:1.0:User:tag',
  ];

  it('in the path, for add, replace and remove in any case; nothing is applied', async () => {
    const a = minimal();
    const u = await createUser(a, 'patch.paths');
    const before = snapshot(a);
    for (const path of PATHS) {
      for (const op of ['Add', 'replace', 'REMOVE']) {
        const r = await send(a, 'PATCH', `Users/${String(u.id)}`, patchOp({ op, path, value: 'x' }));
        expectScimError(r, 400, `${op} ${path}`, 'invalidPath');
      }
    }
    assert.equal(snapshot(a), before, 'the user is as it was');
    await a.close();
  });

  it('in a path-less value object (plain, dotted, URN-qualified and nested keys) and below a declared path', async () => {
    const a = minimal();
    const u = await createUser(a, 'patch.values');
    const before = snapshot(a);
    const cases: [string, Json][] = [
      ['plain key', { op: 'replace', value: { displayName: 'ok', nickName: 'N' } }],
      ['dotted key', { op: 'Replace', value: { 'name.givenName': 'ok', 'name.middleName': 'M' } }],
      ['URN key', { op: 'add', value: { [`${ENT}:costCenter`]: 'C' } }],
      ['nested sub-attribute', { op: 'add', value: { name: { givenName: 'ok', middleName: 'M' } } }],
      ['nested extension attribute', { op: 'add', value: { [ENT]: { department: 'ok', costCenter: 'C' } } }],
      ['element sub-attribute', { op: 'add', value: { emails: [{ type: 'home', value: 'h@x', display: 'Home' }] } }],
      ['sub-attribute below a path', { op: 'replace', path: 'name', value: { middleName: 'M' } }],
      ['element below a path', { op: 'add', path: 'phoneNumbers', value: [{ type: 'home', value: '1', display: 'Home' }] }],
      ['attribute below an extension path', { op: 'add', path: ENT, value: { costCenter: 'C' } }],
    ];
    for (const [what, operation] of cases) {
      expectScimError(await send(a, 'PATCH', `Users/${String(u.id)}`, patchOp(operation)), 400, what, 'invalidPath');
    }
    const mixed = patchOp({ op: 'replace', value: { title: 'ok' } }, { op: 'add', path: 'nickName', value: 'N' });
    expectScimError(await send(a, 'PATCH', `Users/${String(u.id)}`, mixed), 400, 'an undeclared path after a valid operation', 'invalidPath');
    assert.equal(snapshot(a), before, 'no operation of a refused PATCH is applied');
    await a.close();
  });

  it('on groups too, and empty values of undeclared keys carry nothing', async () => {
    const a = minimal();
    const g = await createGroup(a, 'patch.group');
    expectScimError(await send(a, 'PATCH', `Groups/${String(g.id)}`, patchOp({ op: 'add', path: 'description', value: 'd' })), 400, 'group description', 'invalidPath');
    expectScimError(await send(a, 'PATCH', `Groups/${String(g.id)}`, patchOp({ op: 'add', value: { displayName: 'x', owner: 'o' } })), 400, 'group path-less', 'invalidPath');
    const u = await createUser(a, 'patch.empty');
    const r = await send(a, 'PATCH', `Users/${String(u.id)}`, patchOp({ op: 'replace', value: { title: 'T', nickName: null, roles: [], 'name.middleName': '' } }));
    expectStatus(r, 200, 'undeclared keys with no value');
    assert.equal(r.body.title, 'T', 'the declared key is applied');
    await a.close();
  });

  it('an unknown id is still 404, and a bad If-Match still 412, before the attribute check', async () => {
    const a = minimal();
    expectScimError(await send(a, 'PATCH', 'Users/nope', patchOp({ op: 'add', path: 'nickName', value: 'N' })), 404, 'unknown user');
    const u = await createUser(a, 'patch.order');
    const r = await send(a, 'PATCH', `Users/${String(u.id)}`, patchOp({ op: 'add', path: 'nickName', value: 'N' }), { 'if-match': 'W/"9"' });
    expectScimError(r, 412, 'stale If-Match');
    await a.close();
  });
});

describe('minimal profile: POST and PUT bodies with an undeclared attribute are 400 invalidValue', () => {
  const EXTRAS: [string, Json][] = [
    ['nickName', { nickName: 'N' }],
    ['NickName in another case', { NickName: 'N' }],
    ['name.middleName', { name: { givenName: 'G', middleName: 'M' } }],
    ['enterprise costCenter', { [ENT]: { department: 'D', costCenter: 'C' } }],
    ['URN-qualified costCenter', { [`${ENT}:costCenter`]: 'C' }],
    ['URN-qualified core nickName', { [`${URN.User}:nickName`]: 'N' }],
    ['an unknown extension', { 'urn:example:ext:1.0:User': { tag: 't' } }],
    ['emails[].display', { emails: [{ primary: true, type: 'work', value: 'w@x', display: 'Work' }] }],
    ['roles with a value', { roles: [{ value: 'admin' }] }],
    ['password', { password: 'p4ss-w0rd!' }],
    ['the read-only groups', { groups: [{ value: 'g1' }] }],
    ['a dotted key', { 'name.givenName': 'G' }],
  ];

  it('POST /Users, PUT /Users/{id}; nothing is written', async () => {
    const a = minimal();
    const u = await createUser(a, 'put.target');
    const before = snapshot(a);
    for (const [what, extra] of EXTRAS) {
      expectScimError(await send(a, 'POST', 'Users', entraUser('refused', extra)), 400, `POST with ${what}`, 'invalidValue');
      expectScimError(await send(a, 'PUT', `Users/${String(u.id)}`, entraUser('put.target', extra)), 400, `PUT with ${what}`, 'invalidValue');
    }
    assert.equal(snapshot(a), before, 'no user created or replaced');
    await a.close();
  });

  it('POST and PUT /Groups', async () => {
    const a = minimal();
    const g = await createGroup(a, 'group.put');
    expectScimError(await send(a, 'POST', 'Groups', entraGroup('g.refused', { description: 'd' })), 400, 'POST group with description', 'invalidValue');
    expectScimError(await send(a, 'POST', 'Groups', entraGroup('g.refused', { members: [{ value: 'x', primary: true }] })), 400, 'member sub-attribute', 'invalidValue');
    expectScimError(await send(a, 'PUT', `Groups/${String(g.id)}`, entraGroup('group.put', { owner: 'o' })), 400, 'PUT group with owner', 'invalidValue');
    await a.close();
  });

  it('keys with no value carry nothing: Entra\'s roles: [] and nulls are accepted', async () => {
    const a = minimal();
    const r = await send(a, 'POST', 'Users', entraUser('empties', { roles: [], nickName: null, profileUrl: '', ims: [{}], [ENT]: { costCenter: null, department: 'D' } }));
    expectStatus(r, 201, 'POST with empty undeclared values');
    assert.deepEqual(r.body[ENT], { department: 'D' }, 'the declared value is stored');
    assert.equal('roles' in r.body, false, 'no roles');
    await a.close();
  });

  it('malformed bodies answer as in the full profile', async () => {
    const a = minimal();
    expectScimError(await send(a, 'POST', 'Users', '[1]'), 400, 'a list body', 'invalidSyntax');
    expectScimError(await send(a, 'POST', 'Users', { displayName: 'no userName' }), 400, 'no userName', 'invalidValue');
    expectScimError(await send(a, 'POST', 'Users', entraUser('shape', { name: 'not an object' })), 400, 'a string for name', 'invalidValue');
    await a.close();
  });
});

describe('minimal profile: filters on an undeclared attribute are 400 invalidFilter', () => {
  it('GET ?filter=, POST /.search, the root /.search; declared attributes in any case still filter', async () => {
    const a = minimal();
    await createUser(a, 'filter.me');
    for (const filter of ['nickName eq "N"', 'name.middleName pr', 'emails[display eq "x"]', 'emails.display co "x"', `${ENT}:costCenter eq "C"`,
      'userName eq "filter.me" and roles.value eq "admin"', 'not (password pr)', 'groups.value eq "g"', 'urn:example:ext:1.0:User:tag eq "t"']) {
      expectScimError(await send(a, 'GET', `Users?filter=${q(filter)}`), 400, `GET ${filter}`, 'invalidFilter');
      expectScimError(await send(a, 'POST', 'Users/.search', { schemas: [URN.SearchRequest], filter }), 400, `POST .search ${filter}`, 'invalidFilter');
    }
    expectScimError(await send(a, 'GET', `Groups?filter=${q('description eq "d"')}`), 400, 'group description', 'invalidFilter');
    expectScimError(await send(a, 'POST', '.search', { schemas: [URN.SearchRequest], filter: 'nickName pr' }), 400, 'root .search', 'invalidFilter');
    const ok = await send(a, 'GET', `Users?filter=${q('USERNAME eq "filter.me" and EMAILS[TYPE eq "work"].VALUE pr and meta.created pr')}`);
    expectStatus(ok, 200, 'declared names in any case');
    assert.equal(resources(ok).length, 1, 'the user is found');
    const root = await send(a, 'POST', '.search', { schemas: [URN.SearchRequest], filter: 'userName eq "filter.me" or members pr' });
    expectStatus(root, 200, 'the root .search takes a name either type declares');
    await a.close();
  });
});

describe('minimal profile: attributes and excludedAttributes ignore undeclared names (RFC 7644 §3.4.2.5)', () => {
  it('on a resource, a list and a .search', async () => {
    const a = minimal();
    const u = await createUser(a, 'projected');
    const one = (query: string) => send(a, 'GET', `Users/${String(u.id)}?${query}`);
    const onlyUserName = await one('attributes=userName');
    assert.deepEqual((await one('attributes=userName,nickName,name.middleName')).body, onlyUserName.body, 'undeclared names add nothing');
    assert.deepEqual((await one(`excludedAttributes=nickName,${encodeURIComponent(`${ENT}:costCenter`)}`)).body, u, 'excluding undeclared names removes nothing');
    const alone = await one('attributes=nickName');
    expectStatus(alone, 200, 'only undeclared names');
    assert.deepEqual(alone.body, u, 'a list of only undeclared names is no list: the default representation');
    const list = await send(a, 'GET', `Users?filter=${q('userName eq "projected"')}&attributes=userName,roles`);
    assert.deepEqual(resources(list).map((r) => Object.keys(r).sort()), [['id', 'meta', 'schemas', 'userName']], 'list projection');
    const search = await send(a, 'POST', 'Users/.search', { schemas: [URN.SearchRequest], attributes: ['nickName'], excludedAttributes: ['emails', 'roles'] });
    assert.equal('emails' in (resources(search)[0] ?? {}), false, 'the declared exclusion applies');
    assert.equal(resources(search)[0]?.userName, 'projected', 'the rest is returned');
    await a.close();
  });
});

describe('minimal profile: configuration', () => {
  it('an unknown profile is a configuration error', () => {
    assert.throws(() => app({ schema: 'tiny' as 'minimal' }), (e: unknown) => e instanceof HarnessError && e.code === 'HARNESS_CONFIG' && /full, minimal/.test(e.message),
      'HarnessError naming the profiles');
  });

  it('serve --schema minimal passes the profile; no flag means full', () => {
    assert.equal(serveOptions({ schema: 'minimal' }, process.cwd()).opts.schema, 'minimal', '--schema minimal');
    assert.equal(serveOptions({}, process.cwd()).opts.schema, undefined, 'no flag: the app default (full)');
  });
});
