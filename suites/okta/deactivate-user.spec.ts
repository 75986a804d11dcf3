/** Okta's deactivation and reactivation: path-less PATCH of {active} (an App Integration Wizard app: GET + PUT). Okta never deletes users. */
import { blocked, check, CHECK, expectScim, fail } from '../_harness/index.js';
import { send } from '../_harness/wire.js';
import { assignUser, readUser, setActive, type OktaCtx } from './okta-kit.js';

/** The user by id and by userName, as Okta's next import and assignment find it. */
async function expectActive(ctx: OktaCtx, id: string, userName: string, active: boolean): Promise<void> {
  const { res, user } = await readUser(ctx, id);
  if (user.active !== active) fail('SCIM_VALUE', `the user reads active ${JSON.stringify(user.active)}`, { expected: `active: ${active}`, actual: `active: ${JSON.stringify(user.active) ?? 'absent'}`, res });
  const found = await send(ctx, ctx.okta.findUser(userName));
  const hits = expectScim(found).toHaveStatus(200).toBeListResponse().resources();
  if (!hits.some((r) => r.id === id)) fail('SCIM_MISSING', 'the user is not found by its userName', { expected: `a resource with id ${id}`, actual: `${hits.length} resources`, res: found });
}

check({
  id: CHECK.oktaDeactivate,
  title: 'Sends Okta\'s deactivation: PATCH /Users/{id} {"op":"replace","value":{"active":false}} without path (App Integration Wizard: GET, then PUT)',
  requirements: ['OKTA-USER-DEACTIVATE'],
}, async (ctx) => {
  const { id, profile } = await assignUser(ctx);
  await setActive(ctx, id, false);
  await expectActive(ctx, id, profile.userName, false);
});

check({
  id: 'okta/reactivate',
  title: 'Sends Okta\'s reactivation of a deactivated user: the same PATCH (App Integration Wizard: PUT) with active true',
  requirements: ['OKTA-USER-REACTIVATE'],
}, async (ctx) => {
  const { id, profile } = await assignUser(ctx);
  const off = await send(ctx, { ...ctx.okta.setActive(id, false, ctx.okta.mode === 'aiw' ? (await readUser(ctx, id)).user : undefined), step: 'setup: deactivate' });
  if (off.status !== 200 && off.status !== 204) blocked(CHECK.oktaDeactivate, `deactivation failed: ${off.status}`);
  // A deactivation acknowledged but not applied would let the reactivation pass without restoring anything.
  const inactive = await send(ctx, { ...ctx.okta.getUser(id), step: 'setup: GET /Users/{id} (inactive?)' });
  const state = (inactive.body as { active?: unknown } | undefined)?.active;
  if (inactive.status !== 200 || state !== false) blocked(CHECK.oktaDeactivate, `the deactivated user reads ${inactive.status === 200 ? `active ${JSON.stringify(state) ?? 'absent'}` : `status ${inactive.status}`}`);
  await setActive(ctx, id, true);
  await expectActive(ctx, id, profile.userName, true);
});
