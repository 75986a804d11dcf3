/**
 * Removing members. Entra's default dialect sends `{"op":"Remove","path":"members","value":[{"value":id}]}`
 * (docs/entra-behaviour.md §3.3.4; §2.2.6 prints it with `"$ref": null`), which an RFC-strict server misreads as "remove all
 * members" (§3.3.4 Danger); the aadOptscim062020 dialect sends `members[value eq "id"]`. Each check starts from
 * three members and removes one, so "removed all" and "removed none" both show. Validator preview P5 adds and
 * removes the same member in one PATCH.
 */
import type { ScimRequest } from '../../core/client/request.js';
import { URN } from '../../core/urns.js';
import { createRequestBuilder } from '../../mock-idp/request-shapes.js';
import { check, dialects, expectScim, type CheckContext } from '../_harness/index.js';
import { send } from '../_harness/wire.js';
import { expectMembers, givenMembers, readGroupWithMembers } from './group-steps.js';

/** §5.3 preview P5 "Patch Group - Multiple Operations on same attribute", byte for byte. */
function msvP5AddThenRemove(groupId: string, memberId: string): ScimRequest {
  return {
    method: 'PATCH',
    path: `/Groups/${encodeURIComponent(groupId)}`,
    body: {
      schemas: [URN.PatchOp],
      Operations: [
        { op: 'add', path: 'members', value: [{ value: memberId }] },
        { op: 'remove', path: `members[value eq "${memberId}"]` },
      ],
    },
    step: 'PATCH /Groups/{id} add member, remove member (validator P5)',
  };
}

/** A group holding three fresh users, verified; returns the group id and the member ids. */
async function groupOfThree(ctx: CheckContext): Promise<{ groupId: string; members: [string, string, string] }> {
  const [group, a, b, c] = await Promise.all([ctx.setup.group(), ctx.setup.user(), ctx.setup.user(), ctx.setup.user()]);
  const members: [string, string, string] = [a.id, b.id, c.id];
  await givenMembers(ctx, group.id, members);
  return { groupId: group.id, members };
}

async function removeMiddleMember(ctx: CheckContext, request: (groupId: string, memberIds: string[]) => ScimRequest): Promise<void> {
  const { groupId, members: [a, b, c] } = await groupOfThree(ctx);
  const res = await send(ctx, request(groupId, [b]));
  expectScim(res).toHaveStatus(200, 204);
  expectMembers(await readGroupWithMembers(ctx, groupId), [a, c], 'after removing one of three members');
}

for (const dialect of dialects()) {
  check({
    id: 'groups/remove-member',
    title: 'Removes one of three members with PATCH remove members',
    requirements: ['GROUP-MEMBER-REMOVE'],
    counterparts: dialect === 'aadOptscim062020'
      ? ['MSV 23: Patch Group - Remove Member', 'Gallery 12: Group_Update_Remove_Member_Test']
      : ['Gallery 12: Group_Update_Remove_Member_Test'],
    dialect,
    applies: (caps) => caps.groupsNaReason,
  }, (ctx) => removeMiddleMember(ctx, (g, m) => ctx.entra.removeMembers(g, m)));

  if (dialect === 'default') {
    check({
      id: 'groups/remove-member-ref-null',
      title: 'Removes one of three members with PATCH remove members carrying $ref null',
      requirements: ['GROUP-MEMBER-REMOVE'],
      dialect,
      applies: (caps) => caps.groupsNaReason,
    }, (ctx) => {
      const docShape = createRequestBuilder({ dialect, removeMembersShape: 'doc', baseUrl: ctx.config.url });
      return removeMiddleMember(ctx, (g, m) => docShape.removeMembers(g, m));
    });
  }
}

check({
  id: 'groups/validator-add-remove-member',
  title: 'Adds and removes the same member in one PATCH as the validator does',
  requirements: ['GROUP-MEMBER-REMOVE'],
  counterparts: ['MSV P5: Patch Group - Multiple Operations on same attribute'],
  applies: (caps) => caps.groupsNaReason,
}, async (ctx) => {
  const [group, user] = await Promise.all([ctx.setup.group(), ctx.setup.user()]);
  const res = await send(ctx, msvP5AddThenRemove(group.id, user.id));
  expectScim(res).toHaveStatus(200, 204);
  expectMembers(await readGroupWithMembers(ctx, group.id), [], 'after add then remove of the same member');
});
