import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareBy } from '../../../reference-app/scim/sort.js';
import { throwsScim, type Json } from './helpers.js';

const order = (resources: Json[], sortBy: string, sortOrder?: string, field = 'id'): unknown[] =>
  [...resources].sort(compareBy(sortBy, sortOrder, 'User')).map((r) => r[field]);

describe('compareBy', () => {
  const users: Json[] = [
    { id: '1', userName: 'bob', externalId: 'b', meta: { created: '2020-01-01T10:00:00+02:00' }, name: { familyName: 'Zeta' } },
    { id: '2', userName: 'Alice', externalId: 'B', meta: { created: '2020-01-01T09:00:00Z' }, name: { familyName: 'alpha' } },
    { id: '3', userName: 'carol', externalId: 'a', meta: { created: '2020-01-01T07:30:00Z' } },
  ];

  it('sorts userName ascending ignoring case, by default', () => {
    assert.deepEqual(order(users, 'userName'), ['2', '1', '3'], 'Alice, bob, carol');
    assert.deepEqual(order(users, 'USERNAME', 'Ascending'), ['2', '1', '3'], 'names and order any case');
  });

  it('sorts descending', () => assert.deepEqual(order(users, 'userName', 'descending'), ['3', '1', '2'], 'carol, bob, Alice'));

  it('sorts caseExact attributes by code unit', () => {
    assert.deepEqual(order(users, 'externalId'), ['2', '3', '1'], 'B < a < b');
  });

  it('sorts dateTimes as instants', () => {
    assert.deepEqual(order(users, 'meta.created'), ['3', '1', '2'], '07:30Z < 08:00Z (10:00+02) < 09:00Z');
  });

  it('puts resources without a value last in either order', () => {
    assert.deepEqual(order(users, 'name.familyName'), ['2', '1', '3'], 'ascending, missing last');
    assert.deepEqual(order(users, 'name.familyName', 'descending'), ['1', '2', '3'], 'descending, missing last');
  });

  it('sorts a multi-valued attribute by its primary value', () => {
    const r: Json[] = [
      { id: 'x', emails: [{ value: 'a@x' }, { value: 'z@x', primary: true }] },
      { id: 'y', emails: [{ value: 'm@x' }] },
    ];
    assert.deepEqual(order(r, 'emails.value'), ['y', 'x'], 'm (first) < z (primary)');
    assert.deepEqual(order(r, 'emails'), ['y', 'x'], 'whole attribute sorts by value');
  });

  it('rejects a bad sortOrder or sortBy with invalidValue', () => {
    throwsScim(() => compareBy('userName', 'sideways', 'User'), 400, 'invalidValue', 'sortOrder');
    throwsScim(() => compareBy('emails[', undefined, 'User'), 400, 'invalidValue', 'unparsable sortBy');
    throwsScim(() => compareBy('emails[type eq "work"]', undefined, 'User'), 400, 'invalidValue', 'filtered sortBy');
  });
});
