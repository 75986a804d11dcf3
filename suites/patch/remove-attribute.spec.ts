/**
 * USER-PATCH-REMOVE: `Remove` by path of optional attributes (RFC 7644 §3.5.2.2). Afterwards GET shows them
 * absent (or null); the other attributes stay. Removes keep their own path in both dialects.
 */
import { check, CHECK, dialects } from '../_harness/index.js';
import { expectAt, expectCleared, readUser, sendPatch, userWith } from '../_harness/patch.js';

for (const dialect of dialects()) {
  check({
    id: CHECK.patchRemove,
    title: 'Sends Remove of nickName and title',
    dialect,
    requirements: ['USER-PATCH-REMOVE'],
  }, async (ctx) => {
    const { entra, data } = ctx;
    const user = await userWith(ctx, { nickName: data.word() });
    const removed = ['nickName', 'title'];
    await sendPatch(ctx, entra.updateUser(user.id, removed.map((path) => ({ kind: 'remove', path }))));
    const back = await readUser(ctx, user.id);
    for (const path of removed) expectCleared(back, path);
    expectAt(back, 'displayName', user.payload.displayName);
    expectAt(back, 'name.givenName', user.payload.name.givenName);
  });
}
