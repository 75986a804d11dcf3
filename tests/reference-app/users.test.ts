import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { URN } from '../../core/urns.js';
import { app, createUser, entraUser, expectScimError, expectStatus, patchOp, q, resources, send } from './helpers.js';

describe('reference app: /Users', () => {
  let a: FastifyInstance;
  before(() => { a = app(); });
  after(() => a.close());

  it('creates a user with 201, Location, ETag, meta and the values verbatim', async () => {
    const r = await send(a, 'POST', 'Users', entraUser('create1', { phoneNumbers: [{ type: 'work', value: '55555555555' }], active: 'True' }));
    expectStatus(r, 201, 'POST /Users');
    const id = String(r.body.id);
    assert.match(String(r.headers['content-type']), /^application\/scim\+json; charset=utf-8$/, 'scim content type on 201');
    assert.equal(r.headers.location, `http://localhost:80/scim/v2/Users/${id}`, 'Location is the resource URL');
    assert.equal(r.headers.etag, 'W/"1"', 'first version ETag');
    const meta = r.body.meta as Record<string, unknown>;
    assert.equal(meta.resourceType, 'User', 'meta.resourceType');
    assert.equal(meta.location, r.headers.location, 'meta.location equals Location');
    assert.equal(meta.version, 'W/"1"', 'meta.version equals the ETag');
    assert.ok(typeof meta.created === 'string' && meta.created === meta.lastModified, 'created = lastModified on create');
    assert.equal(r.body.active, true, 'string "True" stored as boolean true');
    assert.deepEqual(r.body.phoneNumbers, [{ type: 'work', value: '55555555555' }], 'phone kept verbatim');
    assert.deepEqual(r.body.schemas, [URN.User, URN.EnterpriseUser].slice(0, 1), 'schemas: core only when no extension data');
  });

  it('answers a duplicate userName in another case with 409 uniqueness, and allows a shared externalId', async () => {
    await createUser(a, 'Dup.User');
    expectScimError(await send(a, 'POST', 'Users', entraUser('dup.user')), 409, 'duplicate userName', 'uniqueness');
    await createUser(a, 'other.with.same.ext', { externalId: 'ext-Dup.User' });
  });

  it('rejects a body without userName (400) and malformed JSON (400 invalidSyntax)', async () => {
    expectScimError(await send(a, 'POST', 'Users', { schemas: [URN.User], userame: 'typo' }), 400, 'no userName', 'invalidValue');
    expectScimError(await send(a, 'POST', 'Users', '{"userName": "x", "active": tre}'), 400, 'junk JSON', 'invalidSyntax');
  });

  it('gets by id (200 + ETag), answers 404 for unknown ids, 304 for a matching If-None-Match', async () => {
    const u = await createUser(a, 'get1');
    const r = await send(a, 'GET', `Users/${u.id}`);
    expectStatus(r, 200, 'GET by id');
    assert.equal(r.body.id, u.id, 'same id');
    expectScimError(await send(a, 'GET', 'Users/does-not-exist'), 404, 'unknown id');
    const nm = await send(a, 'GET', `Users/${u.id}`, undefined, { 'if-none-match': String(r.headers.etag) });
    assert.equal(nm.status, 304, 'If-None-Match with the current ETag gives 304');
    assert.equal(nm.text, '', '304 has no body');
    expectStatus(await send(a, 'GET', `Users/${u.id}`, undefined, { 'if-none-match': 'W/"99"' }), 200, 'stale If-None-Match gives 200');
  });

  it('finds users by userName (case-insensitive), externalId and email with every filter encoding', async () => {
    const u = await createUser(a, 'Garry@Kemmerstark.com');
    const urls = [
      `Users?filter=${q('userName eq "GARRY@KEMMERSTARK.COM"')}`,
      'Users?filter=userName+eq+%22garry%40kemmerstark.com%22',
      'Users?filter=userName+eq+"garry%40kemmerstark.com"',
      'Users/?filter=userName%20eq%20%22garry@kemmerstark.com%22&aadOptscim062020',
      `Users?filter=${q('externalId eq "ext-Garry@Kemmerstark.com"')}`,
      `Users?filter=${q('emails[type eq "work"].value eq "Garry@Kemmerstark.com@contoso.example"')}`,
    ];
    for (const url of urls) {
      const r = await send(a, 'GET', url);
      expectStatus(r, 200, url);
      assert.deepEqual(resources(r).map((x) => x.id), [u.id], `${url} finds exactly the user`);
    }
    const none = await send(a, 'GET', `Users?filter=${q('userName eq "0e5b3c1a-guid-nobody"')}`);
    expectStatus(none, 200, 'no match');
    assert.equal(none.body.totalResults, 0, 'no match: totalResults 0');
    assert.deepEqual(none.body.Resources, [], 'no match: Resources []');
    expectScimError(await send(a, 'GET', `Users?filter=${q('userName eq')}`), 400, 'bad filter', 'invalidFilter');
  });

  it('PATCH answers 200 with the user; soft delete keeps it readable and filterable with active false', async () => {
    const u = await createUser(a, 'soft1');
    const r = await send(a, 'PATCH', `Users/${u.id}`, patchOp({ op: 'Replace', path: 'active', value: 'False' }));
    expectStatus(r, 200, 'PATCH');
    assert.equal(r.body.active, false, 'PATCH response shows active false');
    assert.equal(r.headers.etag, 'W/"2"', 'version bumped');
    const get = await send(a, 'GET', `Users/${u.id}`);
    assert.equal(get.body.active, false, 'GET shows active false');
    const f = await send(a, 'GET', `Users?filter=${q('userName eq "soft1"')}`);
    assert.deepEqual(resources(f).map((x) => x.active), [false], 'filter finds the inactive user');
    const back = await send(a, 'PATCH', `Users/${u.id}`, patchOp({ op: 'replace', value: { active: true, 'name.givenName': 'Back' } }));
    assert.equal(back.body.active, true, 'reactivated');
    assert.equal((back.body.name as Record<string, unknown>).givenName, 'Back', 'dotted key applied');
  });

  it('PUT replaces (200), drops unknown attributes, and 400s without userName', async () => {
    const u = await createUser(a, 'put1');
    const r = await send(a, 'PUT', `Users/${u.id}`, { schemas: [URN.User], userName: 'put1-renamed', adreses: [{ country: 'x' }], name: { formatted: 'NewName' } });
    expectStatus(r, 200, 'PUT');
    assert.equal(r.body.userName, 'put1-renamed', 'renamed');
    assert.equal(r.body.adreses, undefined, 'unknown attribute dropped');
    assert.equal(r.body.emails, undefined, 'attributes not sent are cleared');
    expectScimError(await send(a, 'PUT', `Users/${u.id}`, { schemas: [URN.User], userame: 'x' }), 400, 'PUT without userName');
    const other = await createUser(a, 'put2');
    expectScimError(await send(a, 'PUT', `Users/${other.id}`, { userName: 'PUT1-RENAMED' }), 409, 'PUT onto a taken userName', 'uniqueness');
  });

  it('If-Match: a stale ETag gives 412 and changes nothing; the current one works', async () => {
    const u = await createUser(a, 'etag1');
    expectScimError(await send(a, 'PATCH', `Users/${u.id}`, patchOp({ op: 'replace', path: 'title', value: 'x' }), { 'if-match': 'W/"7"' }), 412, 'stale If-Match');
    expectScimError(await send(a, 'DELETE', `Users/${u.id}`, undefined, { 'if-match': '"7"' }), 412, 'stale If-Match on DELETE');
    const get = await send(a, 'GET', `Users/${u.id}`);
    assert.equal(get.body.title, undefined, 'failed PATCH changed nothing');
    expectStatus(await send(a, 'PUT', `Users/${u.id}`, { userName: 'etag1', title: 't' }, { 'if-match': 'W/"1"' }), 200, 'current If-Match');
  });

  it('DELETE answers 204, then GET and DELETE answer 404 and filters find nothing', async () => {
    const u = await createUser(a, 'del1');
    const d = await send(a, 'DELETE', `Users/${u.id}`);
    expectStatus(d, 204, 'DELETE');
    assert.equal(d.text, '', '204 has no body');
    expectScimError(await send(a, 'GET', `Users/${u.id}`), 404, 'GET after DELETE');
    expectScimError(await send(a, 'DELETE', `Users/${u.id}`), 404, 'second DELETE');
    const f = await send(a, 'GET', `Users?filter=${q('userName eq "del1"')}`);
    assert.equal(f.body.totalResults, 0, 'filter finds nothing after DELETE');
  });

  it('projects attributes and excludedAttributes on get and list', async () => {
    const u = await createUser(a, 'proj1');
    const r = await send(a, 'GET', `Users/${u.id}?attributes=userName`);
    assert.deepEqual(Object.keys(r.body).sort(), ['id', 'meta', 'schemas', 'userName'], 'attributes=userName keeps the always-returned ones');
    const l = await send(a, 'GET', `Users?filter=${q('userName eq "proj1"')}&excludedAttributes=emails,name`);
    const got = resources(l)[0] ?? {};
    assert.equal(got.emails, undefined, 'emails excluded');
    assert.equal(got.userName, 'proj1', 'userName kept');
  });
});
