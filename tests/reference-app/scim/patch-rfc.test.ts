import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fullUser, tourGuides } from '../../core/filter/rfc-examples.js';
import { patch, type Json } from './helpers.js';

const BABS = '2819c223-7f76-453a-919d-413861904646';
const MANDY = '902c246b-6245-4190-8e05-00816be7344a';
const JAMES = '08e1d05d-121c-4561-8b96-473d93df9210';
const babs = { display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${BABS}`, value: BABS };
const james = { display: 'James Smith', $ref: `https://example.com/v2/Users/${JAMES}`, value: JAMES };
const memberIds = (r: Json): unknown => (r.members as Json[] | undefined)?.map((m) => m.value);

describe('PATCH add: RFC 7644 §3.5.2.1 examples', () => {
  it('adds a member to a group', () => {
    const g = { ...tourGuides(), members: (tourGuides().members as Json[]).slice(1) };
    const r = patch(g, [{ op: 'add', path: 'members', value: [babs] }], 'Group');
    assert.deepEqual(memberIds(r.resource), [MANDY, BABS], 'Babs appended');
    assert.deepEqual(r.membersAdded, [babs], 'delta names the member with display and $ref');
    assert.equal(r.changed, true, 'changed');
  });

  it('adds emails and nickname without a path (attribute names case-insensitive)', () => {
    const u: Json = { ...fullUser(), emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }] };
    delete u.nickName;
    const r = patch(u, [{ op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' } }]);
    assert.deepEqual(r.resource.emails, [{ value: 'bjensen@example.com', type: 'work', primary: true }, { value: 'babs@jensen.org', type: 'home' }],
      'home email appended');
    assert.equal(r.resource.nickName, 'Babs', '"nickname" sets nickName');
    assert.equal('nickname' in r.resource, false, 'no literal nickname key');
  });

  it('adding an identical value changes nothing', () => {
    const r = patch(fullUser(), [{ op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' } }]);
    assert.equal(r.changed, false, 'same email and nickName already there');
  });
});

describe('PATCH remove: RFC 7644 §3.5.2.2 examples', () => {
  it('removes one member by value filter', () => {
    const r = patch(tourGuides(), [{ op: 'remove', path: `members[value eq "${BABS}"]` }], 'Group');
    assert.deepEqual(memberIds(r.resource), [MANDY], 'only Mandy left');
    assert.deepEqual(r.membersRemoved, [BABS], 'delta removes Babs');
  });

  it('removes all members', () => {
    const r = patch(tourGuides(), [{ op: 'remove', path: 'members' }], 'Group');
    assert.deepEqual(r.resource.members, [], 'no members');
    assert.equal(r.membersRemoved, 'all', 'delta says all');
  });

  it('removes the work email ending in example.com', () => {
    const r = patch(fullUser(), [{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }]);
    assert.deepEqual(r.resource.emails, [{ value: 'babs@jensen.org', type: 'home' }], 'home email left');
  });

  it('replaces all members by remove then add', () => {
    const r = patch(tourGuides(), [{ op: 'remove', path: 'members' }, { op: 'add', path: 'members', value: [babs, james] }], 'Group');
    assert.deepEqual(memberIds(r.resource), [BABS, JAMES], 'Babs and James');
    assert.equal(r.membersRemoved, 'all', 'all removed first');
    assert.deepEqual(r.membersAdded, [babs, james], 'then both added');
  });

  it('swaps one member by remove of one then add', () => {
    const r = patch(tourGuides(), [{ op: 'remove', path: `members[value eq "${BABS}"]` }, { op: 'add', path: 'members', value: [james] }], 'Group');
    assert.deepEqual(memberIds(r.resource), [MANDY, JAMES], 'Mandy and James');
  });
});

describe('PATCH replace: RFC 7644 §3.5.2.3 examples', () => {
  it('replaces all members', () => {
    const r = patch(tourGuides(), [{ op: 'replace', path: 'members', value: [babs, james] }], 'Group');
    assert.deepEqual(r.resource.members, [babs, james], 'exactly the two given');
    assert.equal(r.membersRemoved, 'all', 'replace empties first');
  });

  it('replaces the work address', () => {
    const address = {
      type: 'work', streetAddress: '911 Universal City Plaza', locality: 'Hollywood', region: 'CA', postalCode: '91608',
      country: 'US', formatted: '911 Universal City Plaza\nHollywood, CA 91608 US', primary: true,
    };
    const r = patch(fullUser(), [{ op: 'replace', path: 'addresses[type eq "work"]', value: address }]);
    const addresses = r.resource.addresses as Json[];
    assert.deepEqual(addresses[0], address, 'work address replaced whole');
    assert.equal(addresses[1]?.streetAddress, '456 Hollywood Blvd', 'home address untouched');
  });

  it('replaces the street of the work address', () => {
    const r = patch(fullUser(), [{ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' }]);
    const addresses = r.resource.addresses as Json[];
    assert.equal(addresses[0]?.streetAddress, '1010 Broadway Ave', 'street replaced');
    assert.equal(addresses[0]?.locality, 'Hollywood', 'other sub-attributes kept');
    assert.equal(addresses[1]?.streetAddress, '456 Hollywood Blvd', 'home address untouched');
  });

  it('replaces emails and nickname without a path', () => {
    const u = { ...fullUser(), emails: [{ value: 'old@example.com', type: 'other' }], nickName: 'B' };
    const emails = [{ value: 'bjensen@example.com', type: 'work', primary: true }, { value: 'babs@jensen.org', type: 'home' }];
    const r = patch(u, [{ op: 'replace', value: { emails, nickname: 'Babs' } }]);
    assert.deepEqual(r.resource.emails, emails, 'list replaced whole');
    assert.equal(r.resource.nickName, 'Babs', 'nickName replaced');
  });
});
