/**
 * USER-PATCH-REMOVE: `Remove` by path of optional attributes (RFC 7644 §3.5.2.2). Afterwards GET shows them
 * absent (or null); the other attributes stay. Removes keep their own path in both dialects. The attributes are
 * optional ones the endpoint declares (Entra's mapped ones first).
 */
import { check, CHECK, dialects } from '../_harness/index.js';
import { expectAt, expectCleared, readUser, sendPatch } from '../_harness/patch.js';
import { OPTIONAL_STRINGS, valuesFor } from './optional-attributes.js';

for (const dialect of dialects()) {
  check({
    id: CHECK.patchRemove,
    title: 'Sends Remove of optional attributes the user has',
    dialect,
    requirements: ['USER-PATCH-REMOVE'],
  }, async (ctx) => {
    const { entra, data, setup, attrs } = ctx;
    const removed = attrs.pick(OPTIONAL_STRINGS, 'Removing attributes', 1, 2);
    const user = await setup.user(valuesFor(removed, data));
    await sendPatch(ctx, entra.updateUser(user.id, removed.map((a) => ({ kind: 'remove', path: a.path }))));
    const back = await readUser(ctx, user.id);
    for (const a of removed) expectCleared(back, a.path);
    expectAt(back, 'userName', user.payload.userName);
    for (const path of attrs.declared(['name.givenName'])) expectAt(back, path, user.payload.name?.givenName);
  });
}
