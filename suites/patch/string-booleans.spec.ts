/**
 * PATCH-STRING-BOOLEANS: Entra's default dialect sends `active` as the strings "True"/"False" (reference §3.3.1,
 * §3.4 Q2), and in both dialects it selects the primary role with a string inside the filter,
 * `roles[primary eq "True"].value` (§3.4 Q11). The endpoint must read them as booleans and store booleans.
 */
import { createRequestBuilder } from '../../mock-idp/request-builder.js';
import { blocked, check, CHECK, dialects, fail, inDialect, type CheckContext } from '../_harness/index.js';
import { expectAt, readUser, sendPatch, userWith } from '../_harness/patch.js';
import { send } from '../_harness/wire.js';

/** Entra's flagged dialect, for the JSON-boolean control request. */
const withBooleans = createRequestBuilder({ dialect: 'aadOptscim062020' });
const DEACTIVATION = { false: CHECK.deactivate, true: CHECK.reactivate } as const;

/**
 * Sets `active` with Entra's default-dialect string. If the user does not show the boolean afterwards, the same
 * change is sent as a JSON boolean: when that works, the string was the problem; when it does not, setting
 * `active` is broken as such and the deactivation check proving it says so (this one is blocked).
 */
async function setActiveWithString(ctx: CheckContext, id: string, active: boolean): Promise<void> {
  const blocker = inDialect(DEACTIVATION[`${active}`], 'default');
  await sendPatch(ctx, ctx.entra.setActive(id, active), 'PATCH-STRING-BOOLEANS');
  const back = await send(ctx, ctx.entra.getUser(id));
  if (back.status !== 200) blocked(blocker, `after active=${active}, GET answered ${back.status}`);
  const stored = (back.body as { active?: unknown } | undefined)?.active;
  if (stored === active) return;
  const sent = active ? '"True"' : '"False"';
  if (typeof stored !== 'string') {
    const control = await send(ctx, { ...withBooleans.setActive(id, active), step: `PATCH /Users/{id} replace active=${active} (JSON boolean, control)` });
    const after = control.status === 200 || control.status === 204
      ? await send(ctx, ctx.entra.getUser(id))
      : undefined;
    if ((after?.body as { active?: unknown } | undefined)?.active !== active) blocked(blocker, `active=${active} is not applied even as a JSON boolean`);
  }
  fail('SCIM_VALUE', `the string ${sent} was not stored as the boolean ${active}`, {
    expected: `active = ${active} (a JSON boolean)`,
    actual: `active = ${JSON.stringify(stored) ?? '(absent)'}`,
    res: back,
    requirement: 'PATCH-STRING-BOOLEANS',
  });
}

// With aadOptscim062020 Entra sends real booleans for `active` (covered by suites/deactivation).
if (dialects().includes('default')) {
  check({
    id: 'patch/active-string-booleans',
    title: 'Sends Replace of active with the strings "False" and then "True"',
    dialect: 'default',
    requirements: ['PATCH-STRING-BOOLEANS'],
  }, async (ctx) => {
    const user = await ctx.setup.user();
    await setActiveWithString(ctx, user.id, false);
    await setActiveWithString(ctx, user.id, true);
  });
}

const PRIMARY_ROLE = 'roles[primary eq "True"].value';

for (const dialect of dialects()) {
  check({
    id: 'patch/roles-primary-filter',
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
