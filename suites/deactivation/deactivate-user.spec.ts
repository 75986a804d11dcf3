/**
 * USER-DEACTIVATE: Entra's soft delete is a PATCH of `active` to false — "False" (string) by default, false with
 * aadOptscim062020 (docs/entra-behaviour.md §3.3.1, §4.4). The user must stay readable by GET and by Entra's userName filter,
 * showing `active: false` (§1.1 R7; validator test 8 checks both, §5.3).
 */
import { check, CHECK, dialects } from '../_harness/index.js';
import { expectAt, readUser, sendPatch, stringActive } from '../_harness/patch.js';
import { findByUserName } from './filter-read.js';

for (const dialect of dialects()) {
  check({
    id: CHECK.deactivate,
    title: 'Sends Replace of active with false, then reads the user by GET and by filter',
    dialect,
    requirements: ['USER-DEACTIVATE', ...stringActive(dialect)],
    counterparts: ['MSV 8: Patch User - Disable User', 'Gallery 3: Disable_User_Test'],
  }, async (ctx) => {
    const user = await ctx.setup.user();
    await sendPatch(ctx, ctx.entra.setActive(user.id, false));
    expectAt(await readUser(ctx, user.id, 'USER-DEACTIVATE'), 'active', false);
    expectAt(await findByUserName(ctx, user.payload.userName, user.id, 'USER-DEACTIVATE'), 'active', false);
  });
}
