/**
 * CYCLE-DEPROVISION (docs/entra-behaviour.md §4.4): unassigning a user and blocking sign-in each send PATCH active=false
 * ("False" by default, false with aadOptscim062020); the user must stay readable by GET with active false (staying
 * findable by filter is USER-DEACTIVATE's and CYCLE-RESTORE's business). A hard delete sends DELETE, after which
 * GET answers 404 and the filter finds nothing.
 */
import { check, CHECK, dialects, expectScim, fail } from '../_harness/index.js';
import { copy, directory, findUser, getUser, lifecycle, withoutManagers } from './lifecycle-kit.js';

const REQ = 'CYCLE-DEPROVISION';

for (const dialect of dialects()) {
  check({
    id: CHECK.deprovision,
    title: 'Unassigns, blocks and hard-deletes users in the directory, then reads them back after the next cycle',
    dialect,
    requirements: [REQ],
    counterparts: ['Gallery: Disable_User_Test', 'Gallery: Delete_User_Test'],
  }, async (ctx) => {
    const lc = await lifecycle(ctx, dialect, REQ);
    const { users } = await directory(ctx, 'dep', 4);
    const assigned = withoutManagers(users);
    const first = { users: assigned, assignments: assigned.map((u) => ({ principalId: u.id })) };
    await lc.sync('idp: initial cycle', first);
    const [unassigned, blocked, deleted, kept] = assigned;
    if (!unassigned || !blocked || !deleted || !kept) throw new Error('directory too small');
    const deletedId = lc.targetId('user', deleted.id);

    const next = copy(first);
    next.assignments = next.assignments?.filter((a) => a.principalId !== unassigned.id);
    next.users = next.users.filter((u) => u.id !== deleted.id).map((u) => (u.id === blocked.id ? { ...u, accountEnabled: false } : u));
    const s = await lc.sync('idp: incremental cycle (unassign, block sign-in, hard delete)', next);
    if (s.disabled !== 2 || s.deleted !== 1) fail('SCIM_STATUS', 'the cycle did not deprovision as Entra does', { expected: '2 disabled, 1 deleted', actual: `${s.disabled} disabled, ${s.deleted} deleted`, requirement: REQ });

    for (const [u, why] of [[unassigned, 'unassigned'], [blocked, 'sign-in blocked']] as const) {
      await ctx.step(`the ${why} user reads back with active false`, async () => {
        const { res, user } = await getUser(ctx, lc.targetId('user', u.id), REQ);
        if (user.active !== false) fail('SCIM_VALUE', `${u.userPrincipalName} (${why}) is still active`, { expected: 'active: false', actual: `active: ${JSON.stringify(user.active)}`, res, requirement: REQ });
      });
    }
    await ctx.step('the hard-deleted user is gone', async () => {
      const res = await ctx.scim.send(ctx.entra.getUser(deletedId));
      expectScim(res, REQ).toHaveStatus(404);
      const byFilter = await findUser(ctx, lc, deleted, REQ);
      if (byFilter.found.length) fail('SCIM_UNEXPECTED', `${deleted.userPrincipalName} is still found by the matching filter after DELETE`, { expected: 'no resource', actual: `${byFilter.found.length} resource(s)`, res: byFilter.res, requirement: REQ });
    });
    await ctx.step('the untouched user is still active', async () => {
      const { res, user } = await getUser(ctx, lc.targetId('user', kept.id), REQ);
      if (user.active !== true) fail('SCIM_VALUE', `${kept.userPrincipalName} was not deprovisioned and must stay active`, { expected: 'active: true', actual: `active: ${JSON.stringify(user.active)}`, res, requirement: REQ });
    });
  });
}
