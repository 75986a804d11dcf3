/**
 * USER-PATCH-ENTERPRISE: Entra addresses enterprise-extension attributes by their full URN path,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department` (docs/entra-behaviour.md §3.3.3, §4.6). Replaces of
 * them are folded into the path-less replace with aadOptscim062020, where the URN becomes a key of the value object.
 * The attributes are those the endpoint declares: Entra's mapped department and employeeNumber first.
 */
import { URN } from '../../core/urns.js';
import { check, dialects } from '../_harness/index.js';
import { expectAt, foldedReplaces, patchAndReadBack, readUser, sendPatch } from '../_harness/patch.js';

interface Enterprise { attr: string; path: string }
const ENTERPRISE: Enterprise[] = ['department', 'employeeNumber', 'costCenter', 'organization', 'division'].map((attr) => ({ attr, path: `${URN.EnterpriseUser}:${attr}` }));

for (const dialect of dialects()) {
  check({
    id: 'patch/enterprise-replace',
    title: 'Sends Replace of enterprise attributes by URN path',
    dialect,
    requirements: ['USER-PATCH-ENTERPRISE', ...foldedReplaces(dialect)],
    counterparts: ['Gallery 2: Update_User_Test', 'Gallery 18: SCIM_User_Update_Test'],
  }, async (ctx) => {
    const { setup, data, attrs } = ctx;
    const replaced = attrs.pick(ENTERPRISE, 'Replacing enterprise attributes', 1, ENTERPRISE.length);
    const user = await setup.user();
    // Fresh values that differ from the generated ones (a replace with the same value would prove nothing).
    const wanted = Object.fromEntries(replaced.map(({ attr, path }) => [path, `${attr} ${data.word()}`]));
    const back = await patchAndReadBack(ctx, user.id, 'replace', wanted);
    expectAt(back, 'userName', user.payload.userName);
  });

  check({
    id: 'patch/enterprise-add',
    title: 'Sends Add of an enterprise attribute by URN path to a user without any',
    dialect,
    requirements: ['USER-PATCH-ENTERPRISE', 'USER-PATCH-ADD'],
  }, async (ctx) => {
    const { entra, setup, data, attrs } = ctx;
    // pick returns at least one candidate or ends the check as n/a.
    const [added] = attrs.pick(ENTERPRISE, 'Adding an enterprise attribute') as [Enterprise];
    const user = await setup.user({ [URN.EnterpriseUser]: undefined });
    const value = `${added.attr} ${data.word()}`;
    await sendPatch(ctx, entra.updateUser(user.id, [{ kind: 'add', path: added.path, value }]));
    const back = await readUser(ctx, user.id);
    expectAt(back, added.path, value);
  });
}
