/**
 * Behaviour that is not a broken requirement but that a vendor should know about before Entra finds it: these
 * checks end as `info` with what was observed (or `pass` when the endpoint does what Entra prefers).
 */
import { check, expectScim } from '../_harness/index.js';

check({
  id: 'behaviour/member-add-answer',
  title: 'Sends PATCH /Groups/{id} add members and notes whether the answer is 204 without a body',
  requirements: ['GROUP-MEMBER-ADD'],
  applies: (caps) => caps.groupsNaReason,
}, async ({ scim, entra, setup, step, info }) => {
  const group = await setup.group();
  const user = await setup.user();
  const res = await step('PATCH /Groups/{id} add members (1)', () => scim.send(entra.addMembers(group.id, [user.id])));
  expectScim(res).toHaveStatus(200, 204);
  if (res.status !== 204) {
    const members = (res.body as { members?: unknown[] } | undefined)?.members;
    info(`group PATCH answered ${res.status}${Array.isArray(members) ? ` with ${members.length} member(s) in the body` : ''}; Entra prefers 204 No Content — returning every member of a large group on each PATCH is costly`);
  }
});

check({
  id: 'behaviour/flag-query-parameter',
  title: 'Sends the Test Connection probe with the aadOptscim062020 flag forwarded as a query parameter',
  requirements: ['CONN-TEST'],
}, async ({ scim, entra, data, step, info }) => {
  // Whether Entra forwards the tenant URL's ?aadOptscim062020 on each request is not documented (docs/entra-behaviour.md §3.2).
  const probe = entra.testConnectionUsers('userName', data.guid());
  const res = await step('GET /Users?aadOptscim062020&filter=userName eq "<random guid>"', () =>
    scim.send({ ...probe, query: [['aadOptscim062020', ''], ...(probe.query ?? [])] }));
  if (res.status !== 200) {
    info(`the endpoint answered ${res.status} when the aadOptscim062020 flag appeared in the query string; if Entra forwards the flag, every request would fail — ignore unknown query parameters`);
    return;
  }
  expectScim(res).toBeListResponse().toHaveTotalResults(0);
});
