/**
 * CYCLE-ON-DEMAND (docs/entra-behaviour.md §4.12): provisioning one user on demand — test connection, import, scope, match,
 * action — creates it; after an edit, on demand again updates it. Always the default dialect: the
 * aadOptscim062020 flag does not apply to on-demand provisioning.
 */
import { check, fail } from '../_harness/index.js';
import { directory, expectMappedValues, getUser, lifecycle, withoutManagers } from './lifecycle-kit.js';

const REQ = 'CYCLE-ON-DEMAND';

check({
  id: 'lifecycle/on-demand',
  title: 'Provisions one user on demand, edits it in the directory, provisions it on demand again, then reads it back',
  requirements: [REQ],
}, async (ctx) => {
  const lc = await lifecycle(ctx, 'default', REQ);
  const { users } = await directory(ctx, 'od', 1);
  const u = users[0];
  if (!u) throw new Error('directory too small');
  const [plainUser] = withoutManagers([u]);
  if (!plainUser) throw new Error('directory too small');
  const dir = { users: [plainUser], assignments: [{ principalId: u.id }] };
  const onDemand = async (step: string): Promise<void> => {
    const r = await ctx.step(step, () => lc.idp.provisionOnDemand({ db: lc.db, client: ctx.scim, shareClient: true, mappings: lc.mappings, onLinked: (_t, id, name) => ctx.ledger.track('User', id, name) }, { user: u.id }));
    if (!r.ok) {
      const bad = r.steps.find((s) => s.status === 'failure');
      fail('SCIM_STATUS', `on-demand provisioning failed at step ${bad?.number} (${bad?.name})`, { expected: 'all five steps succeed', actual: bad?.details.join('; ') ?? '', requirement: REQ });
    }
  };
  lc.job.importDirectory(dir);
  await onDemand('idp provision --user (create)');
  const edited = { ...dir, users: [{ ...plainUser, jobTitle: 'Changed on demand' }] };
  lc.job.importDirectory(edited);
  await onDemand('idp provision --user (update)');
  await ctx.step('read the user back', async () => {
    const { res, user } = await getUser(ctx, lc.targetId('user', u.id), REQ);
    expectMappedValues(lc, { ...plainUser, jobTitle: 'Changed on demand' }, user, res, REQ);
  });
});
