import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { URN } from '../../core/urns.js';
import { app, createGroup, createUser, expectScimError, expectStatus, q, resources, send, TOKEN, type Json } from './helpers.js';

describe('reference app: discovery', () => {
  let a: FastifyInstance;
  before(() => { a = app({ maxResults: 50 }); });
  after(() => a.close());

  it('serves /ServiceProviderConfig with patch, filter.maxResults and the bearer scheme', async () => {
    const r = await send(a, 'GET', 'ServiceProviderConfig');
    expectStatus(r, 200, 'SPC');
    assert.deepEqual(r.body.patch, { supported: true }, 'patch supported');
    assert.deepEqual(r.body.filter, { supported: true, maxResults: 50 }, 'maxResults advertised');
    assert.equal((r.body.authenticationSchemes as Json[])[0]?.type, 'oauthbearertoken', 'bearer scheme');
  });

  it('serves /Schemas as a ListResponse with User, EnterpriseUser and Group, and /Schemas/{id}', async () => {
    const r = await send(a, 'GET', 'Schemas');
    expectStatus(r, 200, 'Schemas');
    assert.deepEqual(r.body.schemas, [URN.ListResponse], 'ListResponse');
    assert.deepEqual(resources(r).map((s) => s.id), [URN.User, URN.EnterpriseUser, URN.Group], 'three schemas');
    assert.ok(!r.text.includes('null'), 'no nulls');
    const one = await send(a, 'GET', `Schemas/${URN.Group}`);
    expectStatus(one, 200, 'Schemas/{id}');
    assert.equal(one.body.id, URN.Group, 'the Group schema');
    expectScimError(await send(a, 'GET', 'Schemas/urn:nope'), 404, 'unknown schema');
  });

  it('serves /ResourceTypes and /ResourceTypes/{id}', async () => {
    const r = await send(a, 'GET', 'ResourceTypes');
    assert.deepEqual(resources(r).map((t) => t.endpoint), ['/Users', '/Groups'], 'both resource types');
    expectStatus(await send(a, 'GET', 'ResourceTypes/User'), 200, 'ResourceTypes/User');
    expectScimError(await send(a, 'GET', 'ResourceTypes/Device'), 404, 'unknown resource type');
  });
});

describe('reference app: HTTP edges', () => {
  let a: FastifyInstance;
  before(() => { a = app({ maxBodyBytes: 4096, maxResults: 3 }); });
  after(() => a.close());

  it('answers unknown routes with a SCIM 404, in and out of the base path', async () => {
    expectScimError(await send(a, 'GET', 'Nope'), 404, 'unknown SCIM route');
    expectScimError(await send(a, 'GET', '/elsewhere'), 404, 'outside basePath');
    expectScimError(await send(a, 'GET', 'Users/a/b'), 404, 'too deep');
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const r = await send(a, 'PUT', 'Users', {});
    expectScimError(r, 405, 'PUT /Users');
    assert.equal(r.headers.allow, 'GET, POST, HEAD', 'Allow lists the methods');
    assert.equal((await send(a, 'POST', `Users/some-id`, {})).headers.allow, 'GET, PUT, PATCH, DELETE, HEAD', 'POST /Users/{id}');
    expectScimError(await send(a, 'GET', '.search'), 405, 'GET /.search');
    expectScimError(await send(a, 'DELETE', 'Schemas'), 405, 'DELETE /Schemas');
  });

  it('accepts application/json and missing charset, a body without Content-Type, and 415s other types', async () => {
    expectStatus(await send(a, 'POST', 'Users', { userName: 'ct1' }, { 'content-type': 'application/json' }), 201, 'application/json');
    expectStatus(await send(a, 'POST', 'Users', { userName: 'ct2' }, { 'content-type': 'application/scim+json; charset=utf-8' }), 201, 'scim+json with charset');
    const noType = await a.inject({ method: 'POST', url: '/scim/v2/Users', headers: { authorization: `Bearer ${TOKEN}` }, payload: Buffer.from('{"userName":"ct3"}') });
    assert.equal(noType.statusCode, 201, 'a body without Content-Type is read as JSON');
    expectScimError(await send(a, 'POST', 'Users', 'userName=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'form body');
    expectScimError(await send(a, 'POST', 'Users', 'x', { 'content-type': 'text/plain' }), 415, 'text/plain');
  });

  it('answers a body over maxBodyBytes with 413', async () => {
    expectScimError(await send(a, 'POST', 'Users', { userName: 'big', title: 'x'.repeat(5000) }), 413, 'too large');
  });

  it('tolerates trailing slashes, duplicate slashes, unknown query parameters and lower-case endpoints', async () => {
    await createUser(a, 'slash1');
    for (const url of ['/scim/v2/Users/?filter=userName+eq+%22slash1%22', '/scim/v2//Users?filter=userName+eq+%22slash1%22&aadOptscim062020&foo=bar', '/scim/v2/users?filter=userName+eq+%22slash1%22']) {
      const r = await send(a, 'GET', url);
      assert.equal(r.body.totalResults, 1, `${url} finds the user`);
    }
  });

  it('pages with 1-based startIndex and count, capped by maxResults, in a stable order', async () => {
    const p = app({ maxResults: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(String((await createUser(p, `page${i}`)).id));
    const seen: string[] = [];
    for (let start = 1; start <= 7; start += 2) {
      const r = await send(p, 'GET', `Users?startIndex=${start}&count=2`);
      assert.equal(r.body.totalResults, 7, 'total on every page');
      assert.equal(r.body.startIndex, start, 'startIndex echoed');
      assert.equal(r.body.itemsPerPage, resources(r).length, 'itemsPerPage = resources returned');
      seen.push(...resources(r).map((x) => String(x.id)));
    }
    assert.deepEqual([...seen].sort(), [...ids].sort(), 'every user exactly once');
    assert.equal(resources(await send(p, 'GET', 'Users?count=100')).length, 3, 'count capped at maxResults');
    assert.equal(resources(await send(p, 'GET', 'Users?startIndex=0&count=1'))[0]?.id, seen[0], 'startIndex below 1 reads as 1');
    const zero = await send(p, 'GET', 'Users?count=0');
    assert.deepEqual([zero.body.totalResults, zero.body.itemsPerPage, zero.body.Resources], [7, 0, []], 'count=0 gives only the total');
    const filtered = await send(p, 'GET', `Users?filter=${q('userName sw "page"')}&startIndex=6&count=2`);
    assert.deepEqual(resources(filtered).map((x) => x.id), seen.slice(5, 7), 'filtered pages follow the same order');
    expectScimError(await send(p, 'GET', 'Users?count=abc'), 400, 'non-numeric count', 'invalidValue');
    await p.close();
  });

  it('sorts by sortBy/sortOrder and rejects a bad sortOrder', async () => {
    const p = app();
    for (const n of ['bravo', 'Alpha', 'charlie']) await createUser(p, n);
    const asc = await send(p, 'GET', 'Users?sortBy=userName');
    assert.deepEqual(resources(asc).map((x) => x.userName), ['Alpha', 'bravo', 'charlie'], 'ascending, case-insensitive');
    const desc = await send(p, 'GET', 'Users?sortBy=userName&sortOrder=descending');
    assert.deepEqual(resources(desc).map((x) => x.userName), ['charlie', 'bravo', 'Alpha'], 'descending');
    expectScimError(await send(p, 'GET', 'Users?sortBy=userName&sortOrder=sideways'), 400, 'bad sortOrder', 'invalidValue');
    await p.close();
  });

  it('searches with POST /.search on a resource type and at the root', async () => {
    const p = app();
    const u = await createUser(p, 'searcher');
    const g = await createGroup(p, 'searchers');
    const body = { schemas: [URN.SearchRequest], filter: 'userName eq "SEARCHER"', attributes: ['userName'], startIndex: 1, count: 10 };
    const r = await send(p, 'POST', 'Users/.search', body);
    expectStatus(r, 200, 'POST /Users/.search');
    assert.deepEqual(resources(r).map((x) => x.id), [u.id], 'found by .search');
    const root = await send(p, 'POST', '.search', { schemas: [URN.SearchRequest], filter: 'userName eq "searcher" or displayName eq "searchers"' });
    assert.deepEqual(resources(root).map((x) => x.id), [u.id, g.id], 'root search spans Users and Groups');
    expectScimError(await send(p, 'POST', '.search', { filter: 'userName eq' }), 400, 'bad filter in .search', 'invalidFilter');
    expectScimError(await send(p, 'POST', '.search', [1, 2]), 400, 'array body', 'invalidSyntax');
    await p.close();
  });
});
