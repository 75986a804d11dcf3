/**
 * USER-PATCH-ENTERPRISE: Entra addresses enterprise-extension attributes by their full URN path,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department` (reference §3.3.3, §4.6). Replaces of
 * them are folded into the path-less replace with aadOptscim062020, where the URN becomes a key of the value object.
 */
import { URN } from '../../core/urns.js';
import { check, dialects } from '../_harness/index.js';
import { changesOf, expectAll, expectAt, foldedReplaces, readUser, sendPatch } from '../_harness/patch.js';

const ENTERPRISE = ['department', 'employeeNumber', 'costCenter', 'organization', 'division'] as const;
const urnPath = (attr: string): string => `${URN.EnterpriseUser}:${attr}`;

for (const dialect of dialects()) {
  check({
    id: 'patch/enterprise-replace',
    title: 'Sends Replace of all five enterprise attributes by URN path',
    dialect,
    requirements: ['USER-PATCH-ENTERPRISE', ...foldedReplaces(dialect)],
    counterparts: ['Gallery 2: Update_User_Test', 'Gallery 18: SCIM_User_Update_Test'],
  }, async (ctx) => {
    const { entra, setup, data } = ctx;
    const user = await setup.user();
    // Fresh values that differ from the generated ones (a replace with the same value would prove nothing).
    const wanted = Object.fromEntries(ENTERPRISE.map((attr) => [urnPath(attr), `${attr} ${data.word()}`]));
    await sendPatch(ctx, entra.updateUser(user.id, changesOf('replace', wanted)));
    const back = await readUser(ctx, user.id);
    expectAll(back, wanted);
    expectAt(back, 'userName', user.payload.userName);
  });

  check({
    id: 'patch/enterprise-add',
    title: 'Sends Add of department by URN path to a user without enterprise attributes',
    dialect,
    requirements: ['USER-PATCH-ENTERPRISE', 'USER-PATCH-ADD'],
  }, async (ctx) => {
    const { entra, setup, data } = ctx;
    const user = await setup.user({ [URN.EnterpriseUser]: undefined });
    const department = `R&D ${data.word()}`;
    await sendPatch(ctx, entra.updateUser(user.id, [{ kind: 'add', path: urnPath('department'), value: department }]));
    const back = await readUser(ctx, user.id);
    expectAt(back, urnPath('department'), department);
  });
}
