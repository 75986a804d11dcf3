/**
 * USER-MANAGER (when the manager attribute is mapped): Entra sets the manager after both users exist, in practice
 * as a bare id at the enterprise URN path, and removes it with a path-only Remove (docs/entra-behaviour.md §2.4 Example 5, §3.4
 * Q7/Q8); the doc's own example sends `[{"$ref","value"}]` at `manager`, and the SCIM Validator sends `{"value"}`
 * and clears with `{"value":""}` (§5.3 tests 9–11). The endpoint must accept every shape and store `{"value": id}`.
 */
import { URN } from '../../core/urns.js';
import { MANAGER_PATH, type ManagerStyle } from '../../mock-idp/request-shapes.js';
import { check, dialects } from '../_harness/index.js';
import { expectAt, expectCleared, readUser, sendPatch, validatorPatch } from '../_harness/patch.js';

const MANAGER_ID = `${MANAGER_PATH}.value`;
const applies = (caps: { managerNaReason: string | undefined }): string | undefined => caps.managerNaReason;

const STYLES: Array<{ id: string; style: ManagerStyle; title: string }> = [
  { id: 'patch/manager-object', style: 'object', title: 'Sends Add of the manager as {"value": id} at the enterprise URN path' },
  { id: 'patch/manager-array', style: 'array', title: 'Sends Add of the manager as [{"$ref", "value"}] at path manager' },
];

for (const dialect of dialects()) {
  check({
    id: 'patch/manager-bare-id',
    title: 'Sends Add, Replace and Remove of the manager as a bare id',
    dialect,
    requirements: ['USER-MANAGER'],
    counterparts: ['Gallery 5: User_Update_Manager_Test'],
    applies,
  }, async (ctx) => {
    const { entra, setup } = ctx;
    const [first, second, user] = [await setup.user(), await setup.user(), await setup.user()];
    await sendPatch(ctx, entra.setManager(user.id, first.id, 'add'));
    expectAt(await readUser(ctx, user.id), MANAGER_ID, first.id);
    await sendPatch(ctx, entra.setManager(user.id, second.id, 'replace'));
    expectAt(await readUser(ctx, user.id), MANAGER_ID, second.id);
    await sendPatch(ctx, entra.removeManager(user.id));
    expectCleared(await readUser(ctx, user.id), MANAGER_ID, { emptyString: true });
  });

  for (const { id, style, title } of STYLES) {
    check({ id, title, dialect, requirements: ['USER-MANAGER'], applies }, async (ctx) => {
      const { entra, setup } = ctx;
      const [manager, user] = [await setup.user(), await setup.user()];
      await sendPatch(ctx, entra.setManager(user.id, manager.id, 'add', style));
      expectAt(await readUser(ctx, user.id), MANAGER_ID, manager.id);
    });
  }
}

/**
 * Validator tests 9, 10 and the 2026-02-11 form of 11 (docs/entra-behaviour.md §5.3). The captured ids ("AXTKDLNRKMKT",
 * "CBEQXYNPNAZS") named no user; ids of real users take their place, since Entra only sends existing managers.
 */
const msvManagerBody = (op: 'add' | 'replace', managerId: string): unknown => ({
  schemas: [URN.PatchOp],
  Operations: [{ op, path: MANAGER_PATH, value: { value: managerId } }],
});

check({
  id: 'patch/manager-validator',
  title: 'Sends the validator\'s add, replace and empty-value replace of the manager',
  requirements: ['USER-MANAGER'],
  counterparts: [
    'MSV 9: Patch User - Add Manager',
    'MSV 10: Patch User - Replace Manager',
    'MSV 11: Patch User - Remove Manager',
    'Gallery 25: SCIM_Update_Manager_Test',
  ],
  applies,
}, async (ctx) => {
  const { setup } = ctx;
  const [first, second, user] = [await setup.user(), await setup.user(), await setup.user()];
  await sendPatch(ctx, validatorPatch(user.id, msvManagerBody('add', first.id), 'validator test 9: add manager {value}'));
  expectAt(await readUser(ctx, user.id), MANAGER_ID, first.id);
  await sendPatch(ctx, validatorPatch(user.id, msvManagerBody('replace', second.id), 'validator test 10: replace manager {value}'));
  expectAt(await readUser(ctx, user.id), MANAGER_ID, second.id);
  await sendPatch(ctx, validatorPatch(user.id, msvManagerBody('replace', ''), 'validator test 11: replace manager {"value":""}'));
  // The validator accepts {"value":""} left in place; absent or null is as good.
  expectCleared(await readUser(ctx, user.id), MANAGER_ID, { emptyString: true });
});
