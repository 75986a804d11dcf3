/**
 * Entra reads groups only with excludedAttributes=members (docs/entra-behaviour.md §2.2.2, §2.2.3, §4.5); a server that returns
 * the members anyway can trip SystemForCrossDomainIdentityManagementMultipleEntriesInResponse. The group holds a
 * member so that a server ignoring the parameter shows it (validator tests 13, 14).
 */
import { blocked, check, CHECK, describeResponse, expectScim, fail, type CheckContext } from '../_harness/index.js';
import type { ScimResponse } from '../../core/client/scim-client.js';
import { send } from '../_harness/wire.js';
import { givenMembers } from './group-steps.js';

async function groupWithMember(ctx: CheckContext): Promise<{ id: string; displayName: string }> {
  const [group, user] = await Promise.all([ctx.setup.group(), ctx.setup.user()]);
  await givenMembers(ctx, group.id, [user.id]);
  return { id: group.id, displayName: group.payload.displayName };
}

function expectNoMembers(res: ScimResponse, resource: Record<string, unknown>, where: string): void {
  const key = Object.keys(resource).find((k) => k.toLowerCase() === 'members');
  if (key !== undefined) {
    fail('SCIM_UNEXPECTED', `${where} carries members although excludedAttributes=members was sent`, {
      expected: 'no "members" attribute',
      actual: `"${key}": ${JSON.stringify(resource[key]).slice(0, 200)}`,
      res,
    });
  }
}

check({
  id: 'groups/get-excluding-members',
  title: 'Sends GET /Groups/{id}?excludedAttributes=members for a group with a member',
  requirements: ['GROUP-EXCLUDE-MEMBERS'],
  counterparts: ['MSV 13: Get group by id excluding members'],
  applies: (caps) => caps.groupsNaReason,
}, async (ctx) => {
  const group = await groupWithMember(ctx);
  const res = await send(ctx, ctx.entra.getGroup(group.id));
  expectScim(res).toHaveStatus(200);
  expectNoMembers(res, expectScim(res).json(), 'the group');
});

check({
  id: 'groups/filter-excluding-members',
  title: 'Sends GET /Groups?excludedAttributes=members&filter=… for a group with a member',
  requirements: ['GROUP-EXCLUDE-MEMBERS'],
  counterparts: ['MSV 14: Filter for an existing group by displayName excluding members'],
  applies: (caps) => caps.groupsNaReason,
}, async (ctx) => {
  const group = await groupWithMember(ctx);
  const res = await send(ctx, ctx.entra.findGroup(group.displayName));
  expectScim(res).toHaveStatus(200);
  // Finding the group is GROUP-FILTER-DISPLAYNAME's subject; here only the shape of what is found is judged.
  const found = expectScim(res).resources().find((r) => r.id === group.id);
  if (!found) blocked(CHECK.findGroup, `the filter did not return the group: ${describeResponse(res)}`);
  expectNoMembers(res, found, 'the group in the ListResponse');
});
