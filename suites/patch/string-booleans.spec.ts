/**
 * PATCH-STRING-BOOLEANS: Entra's default dialect sends `active` as the strings "True"/"False" (docs/entra-behaviour.md §3.3.1,
 * §3.4 Q2), and in both dialects it selects the primary role with a string inside the filter,
 * `roles[primary eq "True"].value` (§3.4 Q11). The endpoint must read them as booleans and store booleans.
 * One variable: a control sends the same change with a JSON boolean first; when the endpoint does not apply that,
 * the change itself is broken (the check proving it says so) and this check is blocked.
 */
import type { ScimRequest } from '../../core/client/request.js';
import { blockerIn } from '../_harness/context.js';
import { blocked, check, CHECK, dialects, fail, inDialect, type CheckContext } from '../_harness/index.js';
import { controlPatch, expectAt, readUser, sendPatch } from '../_harness/patch.js';
import { send } from '../_harness/wire.js';

/** The control: Entra's own request (same dialect, same op) with JSON booleans where it sends "True"/"False". */
function withJsonBooleans(req: ScimRequest): ScimRequest {
  const body = req.body as { Operations: Array<Record<string, unknown>> };
  const Operations = body.Operations.map((o) => (o.value === 'True' || o.value === 'False' ? { ...o, value: o.value === 'True' } : o));
  return { ...req, body: { ...body, Operations }, step: `${req.step ?? 'PATCH'} (JSON boolean)` };
}

/** Sets `active` with Entra's default-dialect string and reads back the boolean. */
async function setActiveWithString(ctx: CheckContext, id: string, active: boolean): Promise<void> {
  await sendPatch(ctx, ctx.entra.setActive(id, active), 'PATCH-STRING-BOOLEANS');
  const back = await send(ctx, ctx.entra.getUser(id));
  const stored = (back.body as { active?: unknown } | undefined)?.active;
  if (back.status === 200 && stored === active) return;
  fail('SCIM_VALUE', `the string ${active ? '"True"' : '"False"'} was not stored as the boolean ${active}`, {
    expected: `active = ${active} (a JSON boolean), as the same change with a JSON boolean was (the control)`,
    actual: back.status === 200 ? `active = ${JSON.stringify(stored) ?? '(absent)'}` : `GET answered ${back.status}`,
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
    ctx.attrs.need(['active']);
    const user = await ctx.setup.user();
    for (const active of [false, true]) {
      const blocker = inDialect(active ? CHECK.reactivate : CHECK.deactivate, 'default');
      await controlPatch(ctx, withJsonBooleans(ctx.entra.setActive(user.id, active)), user.id, [{ path: 'active', value: active, blocker }]);
    }
    await setActiveWithString(ctx, user.id, false);
    await setActiveWithString(ctx, user.id, true);
  });
}

const PRIMARY_ROLE = 'roles[primary eq "True"].value';
const ROLES = [
  { primary: true, type: 'WindowsAzureActiveDirectoryRole', display: 'Reader', value: 'Reader' },
  { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Auditor', value: 'Auditor' },
];

for (const dialect of dialects()) {
  check({
    id: 'patch/roles-primary-filter',
    title: 'Sends Replace on roles[primary eq "True"].value',
    dialect,
    requirements: ['PATCH-STRING-BOOLEANS'],
    applies: (caps) => caps.rolesNaReason,
  }, async (ctx) => {
    const { entra, data, setup } = ctx;
    const control = await setup.user({ roles: ROLES }, CHECK.createWithRoles);
    if (!Array.isArray(control.resource.roles) || control.resource.roles.length < ROLES.length) {
      blocked(CHECK.createWithRoles, `the user was created without its roles: ${JSON.stringify(control.resource.roles) ?? '(absent)'}`);
    }
    const controlRole = `Role-${data.guid().slice(0, 8)}`;
    const blocker = blockerIn(CHECK.valueFilterReplace, dialect);
    await controlPatch(ctx, entra.updateUser(control.id, [{ kind: 'replace', path: 'roles[primary eq true].value', value: controlRole }]), control.id, [
      { path: 'roles[primary eq true].value', value: controlRole, blocker },
      { path: 'roles[primary eq false].value', value: 'Auditor', blocker },
    ]);
    const user = await setup.user({ roles: ROLES }, CHECK.createWithRoles);
    const role = `Role-${data.guid().slice(0, 8)}`;
    await sendPatch(ctx, entra.updateUser(user.id, [{ kind: 'replace', path: PRIMARY_ROLE, value: role }]), 'PATCH-STRING-BOOLEANS');
    const back = await readUser(ctx, user.id);
    // "True" in the filter selects the role whose boolean primary is true; the other role is left alone.
    expectAt(back, PRIMARY_ROLE, role, 'PATCH-STRING-BOOLEANS');
    expectAt(back, 'roles[primary eq false].value', 'Auditor', 'PATCH-STRING-BOOLEANS');
  });
}
