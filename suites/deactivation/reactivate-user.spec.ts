/**
 * USER-REACTIVATE: re-enabling, restoring or re-assigning a user makes Entra PATCH `active` back to true —
 * "True" (string) by default, true with aadOptscim062020 (docs/entra-behaviour.md §4.4). The user must come back active, under
 * the same id, by GET and by Entra's userName filter.
 */
import { blocked, check, CHECK, describeResponse, dialects, inDialect } from '../_harness/index.js';
import { expectAt, readUser, sendPatch, stringActive } from '../_harness/patch.js';
import { send } from '../_harness/wire.js';
import { findByUserName } from './filter-read.js';

for (const dialect of dialects()) {
  check({
    id: CHECK.reactivate,
    title: 'Sends Replace of active with true to a deactivated user',
    dialect,
    requirements: ['USER-REACTIVATE', ...stringActive(dialect)],
    counterparts: ['Gallery 6: Restore_User_Test'],
  }, async (ctx) => {
    const user = await ctx.setup.user();
    // Reactivation means something only for a user that is inactive and still there: that is the deactivation
    // check's subject, so when it does not hold this check is blocked by it.
    const deactivatedBy = inDialect(CHECK.deactivate, dialect);
    const off = await send(ctx, ctx.entra.setActive(user.id, false));
    if (off.status !== 200 && off.status !== 204) blocked(deactivatedBy, `setting active=false answered ${describeResponse(off)}`);
    const inactive = await send(ctx, ctx.entra.getUser(user.id));
    const active = (inactive.body as { active?: unknown } | undefined)?.active;
    if (inactive.status !== 200 || active !== false) {
      blocked(deactivatedBy, `after active=false, GET answered ${inactive.status} with active ${JSON.stringify(active) ?? '(absent)'}`);
    }
    await sendPatch(ctx, ctx.entra.setActive(user.id, true));
    expectAt(await readUser(ctx, user.id, 'USER-REACTIVATE'), 'active', true);
    expectAt(await findByUserName(ctx, user.payload.userName, user.id, 'USER-REACTIVATE'), 'active', true);
  });
}
