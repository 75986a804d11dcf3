/**
 * USER-PATCH-ADD: Entra sends `Add` (not `Replace`) when the target lacks the attribute (reference §3.3.2, §4.6):
 * on a single-valued attribute it sets the value; on a value-filter path it creates the element. Adds keep their
 * own path in both dialects.
 */
import { check, CHECK, dialects } from '../_harness/index.js';
import { changesOf, expectAll, expectAt, readUser, sendPatch } from '../_harness/patch.js';

for (const dialect of dialects()) {
  check({
    id: CHECK.patchAdd,
    title: 'Sends Add of nickName, title and userType to a user without them',
    dialect,
    requirements: ['USER-PATCH-ADD'],
  }, async (ctx) => {
    const { entra, setup, data } = ctx;
    const user = await setup.user({ title: undefined });
    const wanted: Record<string, string> = { nickName: data.word(), title: data.word(), userType: 'Employee' };
    await sendPatch(ctx, entra.updateUser(user.id, changesOf('add', wanted)));
    const back = await readUser(ctx, user.id);
    expectAll(back, wanted);
    expectAt(back, 'displayName', user.payload.displayName);
  });

  check({
    id: 'patch/add-value-filter',
    title: 'Sends Add on value-filter paths for a mobile phone and another email',
    dialect,
    requirements: ['USER-PATCH-ADD', 'USER-PATCH-MULTIVALUED'],
  }, async (ctx) => {
    const { entra, setup, data } = ctx;
    const generated = data.user();
    const user = await setup.user({ phoneNumbers: generated.phoneNumbers.slice(0, 1) });
    const wanted: Record<string, unknown> = {
      'phoneNumbers[type eq "mobile"].value': generated.phoneNumbers[1]?.value,
      'emails[type eq "other"].value': data.user().userName,
    };
    await sendPatch(ctx, entra.updateUser(user.id, changesOf('add', wanted)));
    const back = await readUser(ctx, user.id);
    expectAll(back, wanted);
    // The existing elements stay as they were.
    expectAt(back, 'phoneNumbers[type eq "work"].value', generated.phoneNumbers[0]?.value);
    expectAt(back, 'emails[type eq "work"].value', user.payload.emails[0]?.value);
  });
}
