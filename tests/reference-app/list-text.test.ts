/**
 * The user lists spliced from stored text (ResourceService.userTexts, render.ts's toResourceText) against what
 * they replace: parsing every row, evaluating the filter and serialising. Same users, same order, same bytes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluateFilter, parseFilter, wholeFilterHint } from '../../core/filter/index.js';
import { URN } from '../../core/urns.js';
import { composeHooks } from '../../reference-app/defects/types.js';
import { readListParams } from '../../reference-app/resources/list-params.js';
import { toResource, toResourceText } from '../../reference-app/resources/render.js';
import { ResourceService, type ListResult } from '../../reference-app/resources/service.js';
import { openDb } from '../../reference-app/store/db.js';
import { ResourceStore, type StoredText } from '../../reference-app/store/resource-store.js';
import { app, send } from './helpers.js';

const BASE = 'https://scim.example/scim/v2';

const texts = (r: ListResult): string[] => {
  assert.ok('resourceTexts' in r, 'the list was spliced from stored text');
  return r.resourceTexts;
};

describe('reference app: users spliced from stored text', () => {
  it('toResourceText is JSON.stringify(toResource) for any stored attributes', () => {
    const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !['schemas', 'id', 'meta', '__proto__'].includes(k));
    const stored = fc.record({
      schemas: fc.array(fc.oneof(fc.constantFrom(URN.User, URN.EnterpriseUser), fc.string()), { minLength: 1, maxLength: 3 }),
      rest: fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
      version: fc.integer({ min: 1, max: 1_000_000 }),
    });
    fc.assert(fc.property(stored, ({ schemas, rest, version }) => {
      const attrsText = JSON.stringify({ schemas, ...rest });
      const row: StoredText = { id: 'b1f0c5a2-0000-4000-8000-000000000001', type: 'User', created: '2026-01-01T00:00:00.000Z', lastModified: '2026-02-01T00:00:00.000Z', version, attrsText };
      const expected = JSON.stringify(toResource({ ...row, attrs: JSON.parse(attrsText) as Record<string, unknown> }, BASE));
      const actual = toResourceText(row, BASE);
      // integer-like keys come first in a JS object, so then the stored text does not open with schemas
      if (attrsText.startsWith('{"schemas":')) assert.equal(actual, expected);
      else assert.equal(actual, undefined);
    }), { numRuns: 2_000, seed: 20261203 });
  });

  it('declines text it cannot splice, so the parsed path renders it', () => {
    const row = (attrsText: string): StoredText => ({ id: 'u1', type: 'User', created: 'c', lastModified: 'm', version: 1, attrsText });
    assert.equal(toResourceText(row('{"schemas":[],"userName":"a"}'), BASE), undefined, 'empty schemas: toResource puts the core URN');
    assert.equal(toResourceText(row('{"userName":"a","schemas":["x"]}'), BASE), undefined, 'schemas not first');
    assert.equal(toResourceText(row('{"schemas":"x","userName":"a"}'), BASE), undefined, 'schemas not an array');
    assert.equal(toResourceText(row('{"schemas":[1],"userName":"a"}'), BASE), undefined, 'schemas not strings');
    assert.equal(
      toResourceText(row('{"schemas":["a]\\"b"]}'), BASE),
      '{"schemas":["a]\\"b"],"id":"u1","meta":{"resourceType":"User","created":"c","lastModified":"m","location":"https://scim.example/scim/v2/Users/u1","version":"W/\\"1\\""}}',
    );
  });

  it('finds exactly the users evaluating the filter would, in the same order and bytes', () => {
    const store = new ResourceStore(openDb());
    const service = new ResourceService(store, composeHooks([]), () => Date.UTC(2026, 0, 1));
    const names = ['alice', 'Alice', 'ALICE', 'bob', 'İsa', 'i̇sa', 'zoë'];
    for (let i = 0; i < 60; i++) {
      const n = names[i % names.length] as string;
      service.create('User', {
        schemas: [URN.User, URN.EnterpriseUser],
        // the bare names are unique ignoring case: 'İsa' lower-cases to 'i̇sa', which is why only one of them is bare
        userName: [0, 3, 4, 6].includes(i) ? `${n}@example.com` : `${n}${i}@example.com`,
        externalId: i % 4 === 0 ? n : `${n}-${i}`,
        displayName: i % 5 === 0 ? n.toUpperCase() : `${n} ${i}`,
        active: i % 2 === 0,
        emails: [{ value: `${n}@example.com`, type: 'work', primary: true }],
        [URN.EnterpriseUser]: { department: `D${i % 3}` },
      });
    }
    // duplicates of a unique name can exist (the duplicate-on-match defect, or rows from before a uniqueness fix)
    store.insert({ id: 'dup', type: 'User', created: '2027-01-01T00:00:00.000Z', lastModified: '2027-01-01T00:00:00.000Z', version: 3, attrs: { schemas: [URN.User], userName: 'ALICE@example.com' } });
    const everyone = [...store.all('User')];

    const attr = fc.constantFrom('userName', 'USERNAME', 'externalId', 'displayName', 'id', `${URN.User}:userName`, `${URN.Group}:displayName`, 'emails.value', 'active');
    const value = fc.oneof(
      fc.constantFrom(...names).chain((n) => fc.constantFrom(n, n.toUpperCase(), `${n}@example.com`, `${n.toUpperCase()}@EXAMPLE.COM`, `${n}-4`)),
      fc.constantFrom(...everyone.map((u) => u.id), 'dup', 'DUP', 'nobody'),
    );
    const paging = fc.record({ startIndex: fc.integer({ min: 0, max: 4 }), count: fc.integer({ min: 0, max: 3 }) });
    let spliced = 0;
    fc.assert(fc.property(attr, value, paging, (a, v, { startIndex, count }) => {
      const filter = `${a} eq ${JSON.stringify(v)}`;
      const p = readListParams({ filter, startIndex: String(startIndex), count: String(count) }, 100);
      const result = service.list(['User'], p, BASE);
      const matched = everyone.map((u) => toResource(u, BASE)).filter((u) => evaluateFilter(parseFilter(filter), u, 'User'));
      const expected = matched.slice(p.startIndex - 1, p.startIndex - 1 + p.count).map((u) => JSON.stringify(u));
      assert.equal(result.total, matched.length, filter);
      const actual = 'resourceTexts' in result ? result.resourceTexts : result.resources.map((u) => JSON.stringify(u));
      assert.deepEqual(actual, expected, filter);
      if (wholeFilterHint(parseFilter(filter), 'User')) {
        texts(result);
        spliced++;
      }
    }), { numRuns: 1_500, seed: 20261203 });
    assert.ok(spliced > 300, `most generated filters take the spliced path (${spliced})`);

    const page = service.list(['User'], readListParams({ startIndex: '59', count: '5' }, 100), BASE);
    assert.deepEqual(texts(page), everyone.slice(58, 63).map((u) => JSON.stringify(toResource(u, BASE))), 'an unfiltered page is spliced too');
    assert.equal(page.total, everyone.length);
  });

  it('leaves projections, sorting and evaluated filters to the parsed path', () => {
    const service = new ResourceService(new ResourceStore(openDb()), composeHooks([]), Date.now);
    service.create('User', { schemas: [URN.User], userName: 'a@example.com' });
    for (const q of [{ attributes: 'userName' }, { excludedAttributes: 'emails' }, { sortBy: 'userName' }, { filter: 'userName sw "a"' }, { filter: 'userName eq "a@example.com" and active eq true' }]) {
      const r = service.list(['User'], readListParams(q, 100), BASE);
      assert.ok('resources' in r, JSON.stringify(q));
    }
    assert.ok('resources' in service.list(['User', 'Group'], readListParams({}, 100), BASE), 'the root search spans both types');
    assert.ok('resources' in service.list(['Group'], readListParams({ filter: 'displayName eq "g"' }, 100), BASE), 'groups have members to render');
  });

  it('serves the same list over HTTP, and a defect that rewrites responses sees it as an object', async () => {
    const plain = app();
    const defective = app({ defects: ['items-per-page-wrong'] });
    try {
      for (const a of [plain, defective]) {
        const created = await send(a, 'POST', 'Users', { schemas: [URN.User], userName: 'text@example.com', active: true });
        assert.equal(created.status, 201);
      }
      const list = await send(plain, 'GET', `Users?filter=${encodeURIComponent('userName eq "TEXT@example.com"')}`);
      assert.equal(list.status, 200);
      assert.match(String(list.headers['content-type']), /^application\/scim\+json/);
      const body = list.body as unknown as { totalResults: number; itemsPerPage: number; startIndex: number; Resources: { userName: string; meta: { location: string } }[] };
      assert.deepEqual([body.totalResults, body.itemsPerPage, body.startIndex, body.Resources[0]?.userName], [1, 1, 1, 'text@example.com']);
      const broken = (await send(defective, 'GET', `Users?filter=${encodeURIComponent('userName eq "text@example.com"')}`)).body;
      assert.notEqual(broken.itemsPerPage, 1, 'the items-per-page-wrong defect still rewrites the spliced list');
    } finally {
      await plain.close();
      await defective.close();
    }
  });
});
