/**
 * CYCLE-RESTORE (docs/entra-behaviour.md §4.4): a user that left scope is no longer managed; reassigned, Entra matches it
 * again by the matching attribute (so the target must keep inactive users findable), links it and sends
 * active=true — no POST, no duplicate. A soft-deleted user restored from the recycle bin is re-enabled too.
 */
import { blocked, check, CHECK, describeResponse, dialects, fail, inDialect } from '../_harness/index.js';
import { copy, directory, findUser, getUser, lifecycle, withoutManagers } from './lifecycle-kit.js';

const REQ = 'CYCLE-RESTORE';

for (const dialect of dialects()) {
  check({
    id: 'lifecycle/restore',
    title: 'Unassigns and reassigns a user, soft-deletes and restores another, then reads both back active with no duplicate',
    dialect,
    requirements: [REQ],
    counterparts: ['Gallery: Restore_User_Test'],
  }, async (ctx) => {
    const lc = await lifecycle(ctx, dialect, REQ);
    const { users } = await directory(ctx, 'rst', 2);
    const plain = withoutManagers(users);
    const first = { users: plain, assignments: plain.map((u) => ({ principalId: u.id })) };
    await lc.sync('idp: initial cycle', first);
    const [reassigned, recycled] = plain;
    if (!reassigned || !recycled) throw new Error('directory too small');
    const ids = { reassigned: lc.targetId('user', reassigned.id), recycled: lc.targetId('user', recycled.id) };

    const gone = copy(first);
    gone.assignments = gone.assignments?.filter((a) => a.principalId !== reassigned.id);
    gone.users = gone.users.map((u) => (u.id === recycled.id ? { ...u, deletedDateTime: new Date().toISOString() } : u));
    await lc.sync('idp: incremental cycle (unassign, soft delete)', gone);
    await ctx.step('both users are deprovisioned (active false) before the restore', async () => {
      for (const [u, id] of [[reassigned, ids.reassigned], [recycled, ids.recycled]] as const) {
        const { res, user } = await getUser(ctx, id, REQ);
        // Deprovisioning is CYCLE-DEPROVISION's subject: when it did not take, the restore cannot be judged.
        if (user.active !== false) blocked(inDialect(CHECK.deprovision, dialect), `${u.userPrincipalName} is still active after PATCH active=false (${describeResponse(res)}), so its restore cannot be shown`);
      }
    });

    const before = ctx.scim.exchanges.length;
    await lc.sync('idp: incremental cycle (reassign, restore)', first);
    const posts = ctx.scim.exchanges.slice(before).filter((x) => x.request.method === 'POST');
    if (posts.length) fail('SCIM_UNEXPECTED', 'the restore created a user instead of re-linking the existing one', { expected: 'no POST /Users', actual: `${posts.length} POST(s), first #${posts[0]?.seq}`, requirement: REQ });

    for (const [u, id] of [[reassigned, ids.reassigned], [recycled, ids.recycled]] as const) {
      await ctx.step(`${u.userPrincipalName} is active again under the same id, once`, async () => {
        if (lc.targetId('user', u.id) !== id) fail('SCIM_UNEXPECTED', `${u.userPrincipalName} was linked to another target user`, { expected: id, actual: lc.targetId('user', u.id), requirement: REQ });
        const { res, user } = await getUser(ctx, id, REQ);
        if (user.active !== true) fail('SCIM_VALUE', `${u.userPrincipalName} was not re-enabled`, { expected: 'active: true', actual: `active: ${JSON.stringify(user.active)}`, res, requirement: REQ });
        const byFilter = await findUser(ctx, lc, u, REQ);
        if (byFilter.found.length !== 1) fail('SCIM_UNEXPECTED', `${u.userPrincipalName} must be found exactly once by the matching filter`, { expected: '1 resource', actual: `${byFilter.found.length}`, res: byFilter.res, requirement: REQ });
      });
    }
  });
}
