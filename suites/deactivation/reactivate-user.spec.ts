/**
 * USER-REACTIVATE: re-enabling, restoring or re-assigning a user makes Entra PATCH `active` back to true —
 * "True" (string) by default, true with aadOptscim062020 (reference §4.4). The user must come back active, under
 * the same id, by GET and by Entra's userName filter.
 */
import { check, dialects } from '../_harness/index.js';
import { expectAt, readUser, sendPatch, stringActive } from '../_harness/patch.js';
import { findByUserName } from './filter-read.js';

for (const dialect of dialects()) {
  check({
    title: 'Sends Replace of active with true to a deactivated user',
    dialect,
    requirements: ['USER-REACTIVATE', ...stringActive(dialect)],
    counterparts: ['Gallery 6: Restore_User_Test'],
  }, async (ctx) => {
    const user = await ctx.setup.user();
    await sendPatch(ctx, ctx.entra.setActive(user.id, false));
    await sendPatch(ctx, ctx.entra.setActive(user.id, true));
    expectAt(await readUser(ctx, user.id, 'USER-REACTIVATE'), 'active', true);
    expectAt(await findByUserName(ctx, user.payload.userName, user.id), 'active', true);
  });
}
