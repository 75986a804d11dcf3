/**
 * CYCLE-INCREMENTAL (docs/entra-behaviour.md §4.1 incremental cycles, §4.6): after the initial cycle, changed attributes (core,
 * multi-valued, enterprise), a changed manager, a new user and a membership change reach the target in the next
 * cycle, sent as Entra's PATCHes in the check's dialect.
 */
import { check, dialects } from '../_harness/index.js';
import { copy, directory, expectMappedValues, expectSameSet, getUser, group, groupMembers, lifecycle } from './lifecycle-kit.js';

const REQ = 'CYCLE-INCREMENTAL';

for (const dialect of dialects()) {
  check({
    id: 'lifecycle/incremental',
    title: 'Changes users, a manager and a membership in the directory, then reads the changes back after the next cycle',
    dialect,
    requirements: [REQ],
  }, async (ctx) => {
    const lc = await lifecycle(ctx, dialect, REQ);
    const { prefix, users } = await directory(ctx, 'inc', 5);
    const [u1, u2, u3, u4, u5] = users;
    if (!u1 || !u2 || !u3 || !u4 || !u5) throw new Error('directory too small');
    const team = group(prefix, 'team', [u1, u2]);
    const first = { users: users.slice(0, 4), ...(lc.groups ? { groups: [team] } : {}), assignments: [...users.slice(0, 4).map((u) => ({ principalId: u.id })), ...(lc.groups ? [{ principalId: team.id }] : [])] };
    await lc.sync('idp: initial cycle', first);

    const next = copy(first);
    const [n1, n2, n3] = next.users;
    if (!n1 || !n2 || !n3) throw new Error('directory too small');
    n1.jobTitle = `${n1.jobTitle ?? ''} (promoted)`;
    n1.surname = `${n1.surname ?? ''}-Renamed`;
    n1.displayName = `${n1.displayName ?? ''} Renamed`;
    n2.department = 'Incremental Research';
    n2.mobilePhone = '+1 555 0199';
    n2.city = 'Changed City';
    n3.manager = u4.id;
    next.users.push({ ...u5, manager: u1.id });
    next.assignments?.push({ principalId: u5.id });
    if (lc.groups && next.groups?.[0]) next.groups[0].members = [u1.id, u3.id];
    const s = await lc.sync('idp: incremental cycle', next);
    if (s.kind !== 'incremental') throw new Error(`expected an incremental cycle, got ${s.kind}`);

    await ctx.step('read back the changed and the new users', async () => {
      for (const u of [n1, n2, n3, next.users[4]]) {
        if (!u) continue;
        const { res, user } = await getUser(ctx, lc.targetId('user', u.id), REQ);
        expectMappedValues(lc, u, user, res, REQ);
      }
    });
    if (!lc.groups) return;
    await ctx.step('read back the changed membership', async () => {
      const { res, members } = await groupMembers(ctx, lc.targetId('group', team.id), REQ);
      expectSameSet(`members of ${team.displayName} after one joined and one left`, members, [lc.targetId('user', u1.id), lc.targetId('user', u3.id)], res, REQ);
    });
  });
}
