/**
 * CYCLE-MATCH-EXISTING (docs/entra-behaviour.md §4.2): a user created in the app before provisioning (the app's own user: no
 * externalId unless the run matches on it) is found by Entra's matching filter and linked — never duplicated. (Whether the update that follows
 * is applied is CYCLE-INCREMENTAL's and the PATCH checks' business.)
 */
import { check, dialects, expectScim, fail } from '../_harness/index.js';
import { buildResource } from '../../mock-idp/request-shapes.js';
import { directory, findUser, getUser, lifecycle, withoutManagers } from './lifecycle-kit.js';

const REQ = 'CYCLE-MATCH-EXISTING';

for (const dialect of dialects()) {
  check({
    id: 'lifecycle/match-existing',
    title: 'Runs an initial cycle over a user that already exists in the target, then finds it linked, not duplicated',
    dialect,
    requirements: [REQ],
  }, async (ctx) => {
    const lc = await lifecycle(ctx, dialect, REQ);
    const { users } = await directory(ctx, 'mex', 2);
    const plain = withoutManagers(users);
    const [existing] = plain;
    if (!existing) throw new Error('directory too small');
    // The app's own user: no externalId unless the run matches on it; the matching attribute holds Entra's value.
    const matchOn = lc.mappings.user.matching[0]?.target ?? 'userName';
    const mapped = lc.idp.evaluateMappings(lc.mappings.user, { get: lc.idp.userSource(existing, { isSoftDeleted: false, appRoles: [] }), now: () => new Date() }, { create: true });
    const pre = await ctx.step(`POST /Users (the app's own user, holding only ${matchOn})`, () => ctx.scim.send(ctx.entra.createUser({
      ...buildResource({ [matchOn]: mapped[matchOn] }),
      ...ctx.attrs.prune({ userName: existing.userPrincipalName, displayName: 'Created in the app', title: 'Before provisioning', active: true }),
    })));
    const preId = String(expectScim(pre, REQ).toHaveStatus(201, 200).json().id);
    ctx.ledger.track('User', preId, existing.userPrincipalName);

    const before = ctx.scim.exchanges.length;
    await lc.sync('idp: initial cycle', { users: plain, assignments: plain.map((u) => ({ principalId: u.id })) });
    const posts = ctx.scim.exchanges.slice(before).filter((x) => x.request.method === 'POST' && /\/Users$/.test(new URL(x.request.url).pathname));
    if (lc.targetId('user', existing.id) !== preId) {
      fail('SCIM_UNEXPECTED', `${existing.userPrincipalName} was created again instead of matched`, { expected: `linked to the existing user ${preId}`, actual: `linked to ${lc.targetId('user', existing.id)}`, requirement: REQ });
    }
    if (posts.length !== 1) fail('SCIM_UNEXPECTED', 'only the new user may be created', { expected: '1 POST /Users', actual: `${posts.length}`, requirement: REQ });
    await ctx.step('the existing user is still there, found once by the matching filter', async () => {
      await getUser(ctx, preId, REQ);
      const byFilter = await findUser(ctx, lc, existing, REQ);
      if (byFilter.found.length !== 1) fail('SCIM_UNEXPECTED', `${existing.userPrincipalName} must be found exactly once`, { expected: '1 resource', actual: `${byFilter.found.length}`, res: byFilter.res, requirement: REQ });
    });
  });
}
