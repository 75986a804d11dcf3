/**
 * CYCLE-INITIAL (docs/entra-behaviour.md §4.1 initial cycle, §4.5): users first, then groups without members, then the
 * memberships in one batched PATCH (six members: more than some servers keep), then managers. The target must
 * hold exactly the assigned users and groups, with the mapped values, members and managers — and nothing of
 * the unassigned user or group.
 */
import { check, dialects } from '../_harness/index.js';
import { directory, expectMappedValues, expectSameSet, findUser, getUser, group, groupMembers, lifecycle } from './lifecycle-kit.js';

const REQ = 'CYCLE-INITIAL';

for (const dialect of dialects()) {
  check({
    id: 'lifecycle/initial',
    title: 'Runs an initial cycle, then reads back exactly the assigned users, groups, members and managers',
    dialect,
    requirements: [REQ],
    counterparts: ['Gallery: initial provisioning of assigned users and groups'],
  }, async (ctx) => {
    const lc = await lifecycle(ctx, dialect, REQ);
    const { prefix, users } = await directory(ctx, 'ci', 7);
    const inScope = users.slice(0, 6);
    const outsider = users[6];
    if (!outsider) throw new Error('directory too small');
    const assigned = group(prefix, 'assigned', inScope);
    const unassigned = group(prefix, 'unassigned', [users[0], outsider].filter((u) => u !== undefined));
    // Groups tested: the six arrive through the assigned group; otherwise each is assigned directly.
    const dir = lc.groups
      ? { users, groups: [assigned, unassigned], assignments: [{ principalId: assigned.id }] }
      : { users, assignments: inScope.map((u) => ({ principalId: u.id })) };
    const s = await lc.sync('idp: initial cycle', dir);
    if (s.kind !== 'initial') throw new Error(`expected an initial cycle, got ${s.kind}`);

    await ctx.step('read back every assigned user', async () => {
      for (const u of inScope) {
        const { res, user } = await getUser(ctx, lc.targetId('user', u.id), REQ);
        expectMappedValues(lc, u, user, res, REQ);
      }
    });
    await ctx.step('the unassigned user is not in the target', async () => {
      const { res, found } = await findUser(ctx, lc, outsider, REQ);
      expectSameSet(`${outsider.userPrincipalName} is not assigned and must not be provisioned`, found.map((r) => String(r.id)), [], res, REQ);
    });
    if (!lc.groups) return;
    await ctx.step('read back the assigned group with its six members', async () => {
      const { res, members } = await groupMembers(ctx, lc.targetId('group', assigned.id), REQ);
      expectSameSet(`members of ${assigned.displayName} after one PATCH adding six`, members, inScope.map((u) => lc.targetId('user', u.id)), res, REQ);
    });
    await ctx.step('the unassigned group is not in the target', async () => {
      const res = await ctx.scim.send(ctx.entra.findGroup(unassigned.displayName));
      expectSameSet(`${unassigned.displayName} is not assigned and must not be provisioned`, res.status === 200 ? ((res.body as { Resources?: Array<{ id: string }> }).Resources ?? []).map((r) => r.id) : [], [], res, REQ);
    });
  });
}
