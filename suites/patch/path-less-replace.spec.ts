/**
 * USER-PATCH-NO-PATH: a `replace` without a path whose value object holds the attributes. Entra's aadOptscim062020
 * dialect keys that object with dotted sub-attribute paths and extension URNs (reference §3.3.3), which must be
 * read as attribute paths, not stored as literal attribute names; the SCIM Validator sends the same form (§5.3).
 */
import { URN } from '../../core/urns.js';
import { check, dialects } from '../_harness/index.js';
import { changesOf, expectAll, expectAt, readUser, sendPatch, validatorPatch } from '../_harness/patch.js';

// Entra sends a path-less replace only with the flag; its default dialect gives every attribute its own path
// (proved by replace-single-valued.spec.ts), and the validator's own form runs below whatever --dialect says.
// URN keys in the value object are proved by enterprise-extension.spec.ts in this dialect.
if (dialects().includes('aadOptscim062020')) {
  check({
    id: 'patch/no-path-dotted-keys',
    title: 'Sends a path-less replace with displayName and dotted name keys',
    dialect: 'aadOptscim062020',
    requirements: ['USER-PATCH-NO-PATH'],
  }, async (ctx) => {
    const { entra, setup, data } = ctx;
    const user = await setup.user();
    const next = data.user();
    const wanted: Record<string, string> = {
      displayName: next.displayName,
      'name.givenName': next.name.givenName,
      'name.familyName': next.name.familyName,
    };
    await sendPatch(ctx, entra.updateUser(user.id, changesOf('replace', wanted)));
    const back = await readUser(ctx, user.id);
    expectAll(back, wanted);
    // The user's other name parts stay: the dotted keys update sub-attributes, they do not replace `name`.
    expectAt(back, 'name.formatted', user.payload.name.formatted);
  });
}

/**
 * Validator test 7 "Update User userName" (reference §5.3): `{"op":"replace","value":{"userName":"…"}}`. The
 * captured value was "delpha@mullerwintheiser.biz"; a run-prefixed userName takes its place so that parallel runs
 * and the cleanup sweep can tell our users apart.
 */
const msv7Body = (userName: string): unknown => ({
  schemas: [URN.PatchOp],
  Operations: [{ op: 'replace', value: { userName } }],
});

check({
  id: 'patch/validator-no-path-username',
  title: 'Sends the validator\'s path-less replace of userName',
  requirements: ['USER-PATCH-NO-PATH'],
  counterparts: ['MSV 7: Update User userName'],
}, async (ctx) => {
  const { setup, data } = ctx;
  const user = await setup.user();
  const userName = data.user().userName;
  await sendPatch(ctx, validatorPatch(user.id, msv7Body(userName), 'validator test 7: replace {userName}'));
  const back = await readUser(ctx, user.id);
  expectAt(back, 'userName', userName);
});
