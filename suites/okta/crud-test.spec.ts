/**
 * The net effect of Okta's CRUD test (docs/okta.md): the steps the OIN reviewers' test drives through a live org,
 * sent as Okta's provisioning sends them, each read back as the test reads it.
 */
import { check, expectScim, fail, readPath } from '../_harness/index.js';
import { send } from '../_harness/wire.js';
import { assignUser, readUser, setActive, updateProfile } from './okta-kit.js';

check({
  id: 'okta/crud-net-effect',
  title: 'Acts out Okta\'s CRUD test: create, find by userName, change givenName, deactivate, reactivate, unassign',
  requirements: ['OKTA-CRUD'],
}, async (ctx) => {
  const { id, profile } = await assignUser(ctx);
  const found = await send(ctx, ctx.okta.findUser(profile.userName));
  const hits = expectScim(found).toHaveStatus(200).toBeListResponse().resources();
  if (!hits.some((r) => r.id === id)) fail('SCIM_MISSING', 'the created user is not found by its userName', { expected: `a resource with id ${id}`, actual: `${hits.length} resources`, res: found });
  const givenName = `Crud${ctx.data.word()}`;
  await updateProfile(ctx, id, { 'name.givenName': givenName });
  const read = await readUser(ctx, id);
  if (readPath(read.user, 'name.givenName') !== givenName) fail('SCIM_VALUE', 'the changed givenName does not read back by id', { expected: givenName, actual: JSON.stringify(readPath(read.user, 'name.givenName')) ?? 'absent', res: read.res });
  for (const [active, what] of [[false, 'deactivation'], [true, 'reactivation'], [false, 'unassignment']] as const) {
    await setActive(ctx, id, active);
    const after = await readUser(ctx, id);
    if (after.user.active !== active) fail('SCIM_VALUE', `after the ${what} the user reads active ${JSON.stringify(after.user.active)}`, { expected: `active: ${active}`, actual: `active: ${JSON.stringify(after.user.active) ?? 'absent'}`, res: after.res });
  }
});
