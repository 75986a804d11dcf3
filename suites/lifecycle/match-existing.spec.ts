/**
 * CYCLE-MATCH-EXISTING (reference §4.2): a user created in the app before provisioning (no externalId: the app's
 * own user) is found by Entra's matching filter, linked and updated — never duplicated.
 */
import { check, dialects, expectScim, fail } from '../_harness/index.js';
import { directory, expectMappedValues, getUser, lifecycle, withoutManagers } from './lifecycle-kit.js';

const REQ = 'CYCLE-MATCH-EXISTING';

for (const dialect of dialects()) {
  check({
    title: 'Runs an initial cycle over a user that already exists in the target, then reads it back linked and updated',
    dialect,
    requirements: [REQ],
  }, async (ctx) => {
    const lc = lifecycle(ctx, dialect, REQ);
    const { users } = directory(ctx, 'mex', 2);
    const plain = withoutManagers(users);
    const [existing] = plain;
    if (!existing) throw new Error('directory too small');
    const pre = await ctx.step('POST /Users (the app\'s own user, no externalId)', () => ctx.scim.send(ctx.entra.createUser({
      userName: existing.userPrincipalName, displayName: 'Created in the app', title: 'Before provisioning', active: true,
      emails: [{ type: 'work', value: existing.mail, primary: true }],
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
    await ctx.step('the existing user now holds the directory\'s values', async () => {
      const { res, user } = await getUser(ctx, preId, REQ);
      expectMappedValues(lc, existing, user, res, REQ);
    });
  });
}
