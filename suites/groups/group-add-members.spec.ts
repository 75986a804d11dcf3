/**
 * Adding members. Entra adds members by PATCH after creating the group empty, several per operation, each as
 * `{"$ref":null,"value":id}` (docs/entra-behaviour.md §2.2.5, Q5; gallery checklist: "multiple group memberships in a single
 * PATCH"); once per PATCH dialect. The Microsoft SCIM Validator adds with `replace` on members instead (§5.3 test 22).
 */
import type { ScimRequest } from '../../core/client/request.js';
import { URN } from '../../core/urns.js';
import { check, CHECK, dialects, expectScim } from '../_harness/index.js';
import { send } from '../_harness/wire.js';
import { expectMembers, readGroupWithMembers } from './group-steps.js';

/** §5.3 test 22 "Patch Group - Add Member", byte for byte: the validator sets the member with `replace`. */
function msv22ReplaceMembers(groupId: string, memberId: string): ScimRequest {
  return {
    method: 'PATCH',
    path: `/Groups/${encodeURIComponent(groupId)}`,
    body: { schemas: [URN.PatchOp], Operations: [{ op: 'replace', path: 'members', value: [{ value: memberId }] }] },
    step: 'PATCH /Groups/{id} replace members (validator test 22)',
  };
}

for (const dialect of dialects()) {
  check({
    id: CHECK.addMember,
    title: 'Adds one member with PATCH add members',
    requirements: ['GROUP-MEMBER-ADD'],
    counterparts: ['Gallery 11: Group_Update_Add_Member_Test'],
    dialect,
    applies: (caps) => caps.groupsNaReason,
  }, async (ctx) => {
    const [group, user] = await Promise.all([ctx.setup.group(), ctx.setup.user()]);
    const res = await send(ctx, ctx.entra.addMembers(group.id, [user.id]));
    expectScim(res).toHaveStatus(200, 204);
    expectMembers(await readGroupWithMembers(ctx, group.id), [user.id], 'after adding one member');
  });

  check({
    id: CHECK.addMembers,
    title: 'Adds three members with one PATCH add members',
    requirements: ['GROUP-MEMBER-ADD'],
    dialect,
    applies: (caps) => caps.groupsNaReason,
  }, async (ctx) => {
    const [group, ...users] = await Promise.all([ctx.setup.group(), ctx.setup.user(), ctx.setup.user(), ctx.setup.user()]);
    const ids = users.map((u) => u.id);
    const res = await send(ctx, ctx.entra.addMembers(group.id, ids));
    expectScim(res).toHaveStatus(200, 204);
    expectMembers(await readGroupWithMembers(ctx, group.id), ids, 'after adding three members in one PATCH');
  });
}

check({
  id: 'groups/validator-replace-members',
  title: 'Sets a member with the validator\'s PATCH replace members',
  requirements: ['GROUP-MEMBER-ADD'],
  counterparts: ['MSV 22: Patch Group - Add Member'],
  applies: (caps) => caps.groupsNaReason,
}, async (ctx) => {
  const [group, user] = await Promise.all([ctx.setup.group(), ctx.setup.user()]);
  const res = await send(ctx, msv22ReplaceMembers(group.id, user.id));
  expectScim(res).toHaveStatus(200, 204);
  expectMembers(await readGroupWithMembers(ctx, group.id), [user.id], 'after replace on members');
});
