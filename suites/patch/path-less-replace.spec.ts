/**
 * USER-PATCH-NO-PATH: a `replace` without a path whose value object holds the attributes. Entra's aadOptscim062020
 * dialect keys that object with dotted sub-attribute paths and extension URNs (docs/entra-behaviour.md §3.3.3), which must be
 * read as attribute paths, not stored as literal attribute names; the SCIM Validator sends the same form (§5.3).
 * One variable for the dotted keys: a control first sends the same change with `name` as a nested object (RFC
 * 7644's own form of a path-less replace); when the endpoint does not apply that, path-less replace itself is
 * broken (the validator-form check says so) and the dotted-key check is blocked.
 */
import { URN } from '../../core/urns.js';
import { check, dialects } from '../_harness/index.js';
import { controlPatch, expectAt, patchAndReadBack, readUser, sendPatch, validatorPatch } from '../_harness/patch.js';

/** The check proving path-less replace in the validator's own form, by which the dotted-key check is blocked. */
const NO_PATH_CHECK = 'patch/validator-no-path-username';

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
    const { setup, data, attrs } = ctx;
    attrs.need(['name.givenName', 'name.familyName']);
    const changed = attrs.declared(['displayName', 'name.givenName', 'name.familyName']);
    const valuesOf = (next: ReturnType<typeof data.user>): Record<string, string> => {
      const all: Record<string, string> = { displayName: next.displayName, 'name.givenName': next.name.givenName, 'name.familyName': next.name.familyName };
      return Object.fromEntries(changed.map((path) => [path, all[path] ?? '']));
    };
    const control = await setup.user();
    const nested = valuesOf(data.user());
    const { 'name.givenName': givenName, 'name.familyName': familyName, ...simple } = nested;
    await controlPatch(ctx, validatorPatch(control.id, { schemas: [URN.PatchOp], Operations: [{ op: 'replace', value: { ...simple, name: { givenName, familyName } } }] }, 'replace {name: {givenName, familyName}} (nested)'),
      control.id, changed.map((path) => ({ path, value: nested[path], blocker: NO_PATH_CHECK })));

    const user = await setup.user();
    const wanted = valuesOf(data.user());
    const back = await patchAndReadBack(ctx, user.id, 'replace', wanted);
    // The user's other name parts stay: the dotted keys update sub-attributes, they do not replace `name`.
    for (const path of attrs.declared(['name.formatted'])) expectAt(back, path, user.payload.name?.formatted);
  });
}

/**
 * Validator test 7 "Update User userName" (docs/entra-behaviour.md §5.3): `{"op":"replace","value":{"userName":"…"}}`. The
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
