/**
 * PATCH-STRING-BOOLEANS: Entra's default dialect sends `active` as the strings "True"/"False" (reference §3.3.1,
 * §3.4 Q2), and in both dialects it selects the primary role with a string inside the filter,
 * `roles[primary eq "True"].value` (§3.4 Q11). The endpoint must read them as booleans and store booleans.
 */
import { check, dialects } from '../_harness/index.js';
import { expectAt, readUser, sendPatch, userWith } from '../_harness/patch.js';

// With aadOptscim062020 Entra sends real booleans for `active` (covered by suites/deactivation).
if (dialects().includes('default')) {
  check({
    title: 'Sends Replace of active with the strings "False" and then "True"',
    dialect: 'default',
    requirements: ['PATCH-STRING-BOOLEANS'],
  }, async (ctx) => {
    const { entra, setup } = ctx;
    const user = await setup.user();
    for (const active of [false, true]) {
      await sendPatch(ctx, entra.setActive(user.id, active));
      // A boolean, not the string that was sent.
      expectAt(await readUser(ctx, user.id), 'active', active);
    }
  });
}

const PRIMARY_ROLE = 'roles[primary eq "True"].value';

for (const dialect of dialects()) {
  check({
    title: 'Sends Replace on roles[primary eq "True"].value',
    dialect,
    requirements: ['PATCH-STRING-BOOLEANS', 'USER-PATCH-MULTIVALUED'],
  }, async (ctx) => {
    const { entra, data } = ctx;
    const user = await userWith(ctx, {
      roles: [
        { primary: true, type: 'WindowsAzureActiveDirectoryRole', display: 'Reader', value: 'Reader' },
        { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Auditor', value: 'Auditor' },
      ],
    });
    const role = `Role-${data.guid().slice(0, 8)}`;
    await sendPatch(ctx, entra.updateUser(user.id, [{ kind: 'replace', path: PRIMARY_ROLE, value: role }]), 'PATCH-STRING-BOOLEANS');
    const back = await readUser(ctx, user.id);
    // "True" in the filter selects the role whose boolean primary is true; the other role is left alone.
    expectAt(back, PRIMARY_ROLE, role, 'PATCH-STRING-BOOLEANS');
    expectAt(back, 'roles[primary eq false].value', 'Auditor', 'PATCH-STRING-BOOLEANS');
  });
}
