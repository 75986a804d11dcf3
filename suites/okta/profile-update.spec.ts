/**
 * Okta's profile updates: GET + PUT of the object read with the change (OIN default; every update of an App
 * Integration Wizard app), or one path-less PATCH with `--okta-user-updates patch`.
 */
import { URN } from '../../core/urns.js';
import { check, fail, readPath } from '../_harness/index.js';
import { assignUser, readUser, updateProfile } from './okta-kit.js';

const DEPARTMENT = `${URN.EnterpriseUser}:department`;

check({
  id: 'okta/profile-update',
  title: 'Sends Okta\'s profile update of givenName (GET, then PUT; or one path-less PATCH)',
  requirements: ['OKTA-USER-UPDATE'],
}, async (ctx) => {
  const { id } = await assignUser(ctx);
  const givenName = `Changed${ctx.data.word()}`;
  await updateProfile(ctx, id, { 'name.givenName': givenName });
  const { res, user } = await readUser(ctx, id);
  if (readPath(user, 'name.givenName') !== givenName) fail('SCIM_VALUE', 'the profile update did not take effect', { expected: `name.givenName = ${JSON.stringify(givenName)}`, actual: `name.givenName = ${JSON.stringify(readPath(user, 'name.givenName')) ?? 'absent'}`, res });
});

check({
  id: 'okta/put-keeps-attributes',
  title: 'Sends Okta\'s PUT round trip (GET, then PUT with one change) on a user with an enterprise attribute',
  requirements: ['OKTA-PUT-KEEPS-ATTRIBUTES'],
  applies: (_caps, config) => (config.okta?.userUpdates === 'patch' && config.okta.mode !== 'aiw'
    ? 'Okta sends profile updates by PATCH (--okta-user-updates patch): no PUT round trip' : undefined),
}, async (ctx) => {
  const { id } = await assignUser(ctx);
  const department = ctx.attrs.declared([DEPARTMENT]).length ? `Dept ${ctx.data.word()}` : undefined;
  // Okta pushes the extension attribute with a profile update; keeping it is what the second PUT is about.
  if (department) await updateProfile(ctx, id, { [DEPARTMENT]: department }, 'OKTA-USER-UPDATE');
  const before = await readUser(ctx, id);
  if (department && readPath(before.user, DEPARTMENT) !== department) {
    fail('SCIM_VALUE', 'the department sent in a PUT body was not stored', { expected: `${DEPARTMENT} = ${JSON.stringify(department)}`, actual: JSON.stringify(readPath(before.user, DEPARTMENT)) ?? 'absent', res: before.res });
  }
  await updateProfile(ctx, id, { 'name.familyName': `Round${ctx.data.word()}` });
  const { res, user } = await readUser(ctx, id);
  const kept: Array<[string, unknown]> = [['active', true], ...(department ? [[DEPARTMENT, department] as [string, unknown]] : [])];
  const lost = kept.filter(([p, v]) => readPath(user, p) !== v);
  if (lost.length) fail('SCIM_VALUE', `the PUT round trip lost ${lost.map(([p]) => p).join(', ')}`, { expected: lost.map(([p, v]) => `${p} = ${JSON.stringify(v)}`).join(', '), actual: lost.map(([p]) => `${p} = ${JSON.stringify(readPath(user, p)) ?? 'absent'}`).join(', '), res });
});
