/** A check's view of the attribute set: need/pick end the check as n/a with the reason; prune sends only what is declared. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttributeSet } from '../../core/attributes/attribute-set.js';
import { URN } from '../../core/urns.js';
import { CheckAttributes } from '../../suites/_harness/attributes.js';
import { NotApplicable } from '../../suites/_harness/verdicts.js';
import { DataFactory } from '../../test-data/factory.js';

const E = URN.EnterpriseUser;
const minimal = AttributeSet.fromPaths('schemas', {
  user: ['userName', 'active', 'title', 'emails[type eq "work"].value', 'phoneNumbers[type eq "work"].value', 'name.givenName', `${E}:department`],
  group: ['displayName', 'members'],
});

const notApplicable = (fn: () => unknown, reason: RegExp): void =>
  assert.throws(fn, (err: unknown) => err instanceof NotApplicable && reason.test(err.reason), `n/a matching ${reason}`);

test('need: n/a naming the first undeclared attribute, and the others', () => {
  const attrs = new CheckAttributes(minimal);
  attrs.need(['userName', 'title']);
  notApplicable(() => attrs.need(['nickName', 'userType']), /^nickName is not in the User schema the endpoint declares in \/Schemas \(nor is userType\)$/);
  assert.deepEqual(attrs.recorded(), ['userName', 'title'], 'only what the check went on to write is recorded');
});

test('pick: the first declared candidates in order of preference; n/a below the minimum, listing what there is', () => {
  const attrs = new CheckAttributes(minimal);
  const candidates = [{ path: 'nickName' }, { path: 'title' }, { path: 'userType' }, { path: 'active' }];
  assert.deepEqual(attrs.pick(candidates, 'Adding attributes', 1, 3).map((c) => c.path), ['title', 'active'], 'declared ones, up to max');
  notApplicable(() => attrs.pick([{ path: 'nickName' }, { path: 'title' }], 'Op case', 2), /^Op case needs 2 of nickName, title; the User schema the endpoint declares in \/Schemas has title$/);
  assert.deepEqual(attrs.declared(['userName', 'locale']), ['userName'], 'declared() filters and records');
  assert.deepEqual(attrs.recorded(), ['title', 'active', 'userName'], 'recorded in order of choice');
});

test('prune: undeclared attributes, sub-attributes and extension attributes go; the primary work email and overrides stay', () => {
  const attrs = new CheckAttributes(minimal);
  const user = new DataFactory({ seed: 1, prefix: 'scr-test-', stream: 'prune' }).user();
  const pruned = attrs.prune({ ...user, nickName: 'kept on purpose' }, ['nickName']);
  assert.deepEqual(Object.keys(pruned).sort(), ['active', 'emails', 'externalId', 'name', 'nickName', 'phoneNumbers', 'title', 'userName', E].sort(), 'top-level keys');
  assert.deepEqual(pruned.name, { givenName: user.name.givenName }, 'only declared name parts');
  assert.deepEqual(pruned.emails, [{ type: 'work', value: user.emails[0]?.value, primary: true }], 'Entra marks the work email primary');
  assert.deepEqual(pruned.phoneNumbers.map((p) => Object.keys(p).sort()), [['type', 'value'], ['type', 'value'], ['type', 'value']], 'phones without an undeclared primary');
  assert.deepEqual(pruned[E], { department: user[E].department }, 'only the declared enterprise attribute');
  assert.equal((pruned as Record<string, unknown>).timezone, undefined, 'timezone is not declared');
  assert.equal(attrs.prune({ [E]: { costCenter: 'x' }, userName: 'u' })[E], undefined, 'an extension left empty goes');
});
