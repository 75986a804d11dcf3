/** Id binding and identity templating: what a recorded request becomes when sent again (replay/bindings.ts, rewrite.ts, identity.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bindings } from '../../replay/bindings.js';
import { Identities } from '../../replay/identity.js';
import { rewriteQuery } from '../../replay/rewrite.js';
import type { TraceExchange } from '../../replay/trace.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function sent(method: string, path: string, body?: unknown): TraceExchange {
  return { seq: 1, at: '2026-01-01T00:00:00.000Z', ms: 1, request: { method, path, headers: {}, ...(body !== undefined ? { body } : {}) }, response: { status: 200, headers: {} } };
}

const trace = [
  sent('GET', `/Users?filter=${encodeURIComponent('userName eq "alice@contoso.example"')}`),
  sent('POST', '/Users', { userName: 'alice@contoso.example', externalId: 'alice', emails: [{ value: 'alice@contoso.example' }], displayName: 'Alice' }),
  sent('POST', '/Groups', { displayName: 'Sales', members: [{ value: 'u-1' }] }),
];

test('identities: userName, emails, externalId and group displayName get the run prefix, in any case; nothing else does', () => {
  const ids = Identities.of(trace, 'scr-abc123-');
  assert.equal(ids.size, 3, 'alice@…, alice, Sales');
  assert.equal(ids.lookup('ALICE@contoso.example'), 'scr-abc123-ALICE@contoso.example');
  assert.equal(ids.lookup('Sales'), 'scr-abc123-Sales');
  assert.equal(ids.lookup('Alice'), 'scr-abc123-Alice', 'the externalId "alice" — a user displayName equal to an identity is templated too, harmlessly');
  assert.equal(ids.lookup('u-1'), undefined);
});

test('bindings: recorded ids become the new ones in paths, filters, member values, manager and $ref; identities are templated', () => {
  const b = new Bindings(Identities.of(trace, 'scr-abc123-'));
  b.bind('u-1', { id: 'NEW-1', type: 'User' });
  b.bind('g-1', { id: 'NEW G', type: 'Group' });
  assert.equal(b.path('/Groups/g-1'), '/Groups/NEW%20G');
  assert.equal(b.path('/Users/unknown'), '/Users/unknown', 'an id never bound stays');
  const filtered = b.path(`/Users?filter=${encodeURIComponent('userName eq "alice@contoso.example"')}&startIndex=1`);
  assert.equal(filtered, '/Users?filter=userName+eq+%22scr-abc123-alice%40contoso.example%22&startIndex=1');
  const body = b.body({
    schemas: [PATCH_OP],
    Operations: [
      { op: 'Add', path: 'members', value: [{ value: 'u-1', $ref: 'https://old.example/scim/Users/u-1' }] },
      { op: 'Remove', path: 'members[value eq "u-1"]' },
      { op: 'Replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', value: 'u-1' },
      { op: 'Replace', value: { manager: 'u-1', userName: 'alice@contoso.example', title: 'u-1-not-an-id' } },
    ],
  });
  assert.deepEqual(body, {
    schemas: [PATCH_OP],
    Operations: [
      { op: 'Add', path: 'members', value: [{ value: 'NEW-1', $ref: 'https://old.example/scim/Users/NEW-1' }] },
      { op: 'Remove', path: 'members[value eq "NEW-1"]' },
      { op: 'Replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', value: 'NEW-1' },
      { op: 'Replace', value: { manager: 'NEW-1', userName: 'scr-abc123-alice@contoso.example', title: 'u-1-not-an-id' } },
    ],
  });
});

test('rewriting a query keeps untouched parameters byte for byte, and a filter that does not parse as it is', () => {
  const lookup = (v: string): string | undefined => (v === 'a' ? 'b' : undefined);
  assert.equal(rewriteQuery('attributes=userName&filter=userName%20eq%20"a"&count=1', lookup), 'attributes=userName&filter=userName+eq+%22b%22&count=1');
  assert.equal(rewriteQuery('filter=userName+eq+%22c%22', lookup), 'filter=userName+eq+%22c%22', 'nothing to rewrite: the original encoding');
  assert.equal(rewriteQuery('filter=userName+eq+%22a', lookup), 'filter=userName+eq+%22a', 'an unterminated string is left alone');
});
