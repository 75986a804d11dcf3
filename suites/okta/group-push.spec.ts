/**
 * Okta's group push: POST /Groups with members: [], path-less rename {id, displayName}, one mixed membership PATCH
 * (App Integration Wizard apps: GET, then PUT of the group for both); and the spec test's optional Groups step.
 */
import { oktaSpecTest } from '../../mock-idp/request-shapes.js';
import { check, CHECK, expectScim, fail } from '../_harness/index.js';
import type { CheckSpec } from '../_harness/index.js';
import { send } from '../_harness/wire.js';
import { assignUser, createdId, pushGroup, type OktaCtx } from './okta-kit.js';

const groupsTested: CheckSpec['applies'] = (caps) => caps.groupsNaReason;

async function readGroup(ctx: OktaCtx, id: string): Promise<{ res: Awaited<ReturnType<typeof send>>; group: Record<string, unknown> }> {
  const res = await send(ctx, ctx.okta.getGroup(id));
  return { res, group: expectScim(res).toHaveStatus(200).json() };
}

check({
  id: CHECK.oktaGroupPush,
  title: 'Sends Okta\'s group push: POST /Groups {schemas, displayName, members: []}',
  requirements: ['OKTA-GROUP-PUSH'],
  applies: groupsTested,
}, async (ctx) => {
  const displayName = ctx.data.group().displayName;
  const res = await send(ctx, ctx.okta.createGroup(displayName));
  const id = createdId(res);
  if (id) ctx.ledger.track('Group', id, displayName);
  const body = expectScim(res).toHaveStatus(201).json();
  if (!id) fail('SCIM_MISSING', 'the pushed group came back without an id', { expected: 'the group with its id', actual: JSON.stringify(body).slice(0, 200), res });
  if (body.displayName !== displayName) fail('SCIM_VALUE', 'the pushed group does not carry its displayName', { expected: displayName, actual: JSON.stringify(body.displayName) ?? 'absent', res });
});

check({
  id: 'okta/group-rename',
  title: 'Sends Okta\'s group rename: PATCH /Groups/{id} {"op":"replace","value":{"id":…,"displayName":…}} without path (App Integration Wizard: GET, then PUT)',
  requirements: ['OKTA-GROUP-RENAME'],
  applies: groupsTested,
}, async (ctx) => {
  const { id } = await pushGroup(ctx);
  const renamed = ctx.data.group().displayName;
  const fetched = ctx.okta.mode === 'aiw' ? (await readGroup(ctx, id)).group : undefined;
  expectScim(await send(ctx, ctx.okta.renameGroup(id, renamed, fetched))).toHaveStatus(200, 204);
  const { res, group } = await readGroup(ctx, id);
  if (group.displayName !== renamed) fail('SCIM_VALUE', 'the rename did not take effect', { expected: `displayName ${JSON.stringify(renamed)}`, actual: `displayName ${JSON.stringify(group.displayName) ?? 'absent'}`, res });
});

/** Okta's membership change: one PATCH (remove by filter, add), or (App Integration Wizard) GET, then PUT of the group with its members. */
async function changeMembers(ctx: OktaCtx, id: string, change: { add: string[]; remove: string[] }, members: string[], step?: string): Promise<void> {
  if (ctx.okta.mode === 'aiw') {
    const { group } = await readGroup(ctx, id);
    expectScim(await send(ctx, { ...ctx.okta.putGroup(id, { ...group, members: members.map((value) => ({ value })) }), step: `PUT /Groups/{id} members (${members.length})` })).toHaveStatus(200, 204);
    return;
  }
  const req = ctx.okta.updateMembers(id, { add: change.add.map((value) => ({ value })), remove: change.remove });
  expectScim(await send(ctx, step ? { ...req, step } : req)).toHaveStatus(200, 204);
}

check({
  id: 'okta/group-membership',
  title: 'Sends Okta\'s membership PATCH: remove members[value eq "…"] and add members in one request (App Integration Wizard: a PUT of the group)',
  requirements: ['OKTA-GROUP-MEMBERS'],
  applies: groupsTested,
}, async (ctx) => {
  const [a, b, c] = [await assignUser(ctx), await assignUser(ctx), await assignUser(ctx)];
  const { id } = await pushGroup(ctx);
  await changeMembers(ctx, id, { add: [a.id, b.id], remove: [] }, [a.id, b.id], 'PATCH /Groups/{id} add members (2)');
  await changeMembers(ctx, id, { add: [c.id], remove: [a.id] }, [b.id, c.id]);
  const { res, group } = await readGroup(ctx, id);
  const members = (Array.isArray(group.members) ? group.members : []).map((m) => String((m as { value?: unknown }).value)).sort();
  const expected = [b.id, c.id].sort();
  if (members.join() !== expected.join()) fail('SCIM_VALUE', 'the group does not hold the members Okta means', { expected: expected.join(', '), actual: members.join(', ') || 'no members', res });
});

check({
  id: 'okta/spec-groups',
  title: 'Sends the spec test\'s optional GET /Groups with a group pushed',
  requirements: ['OKTA-SPEC-GROUPS'],
  applies: groupsTested,
}, async (ctx) => {
  await pushGroup(ctx);
  const res = await send(ctx, oktaSpecTest().listGroups());
  const body = expectScim(res).toHaveStatus(200).json();
  const total = Number(body.totalResults);
  if (!(total >= 1)) fail('SCIM_VALUE', 'GET /Groups lists no group although one exists', { expected: 'totalResults ≥ 1', actual: `totalResults ${JSON.stringify(body.totalResults) ?? 'absent'}`, res });
});
