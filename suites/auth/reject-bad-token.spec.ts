import { check, expectScim } from '../_harness/index.js';

check({
  id: 'auth/no-authorization-header',
  title: 'Sends GET /Users without an Authorization header',
  requirements: ['AUTH-REJECT'],
}, async ({ scim, data, step }) => {
  const res = await step('GET /Users?filter=userName eq "…" (no token)', () =>
    scim.send({ method: 'GET', path: '/Users', query: [['filter', `userName eq "${data.guid()}"`]], auth: 'none' }));
  expectScim(res).toHaveStatus(401);
});

check({
  id: 'auth/wrong-token-get',
  title: 'Sends GET /Users with a wrong bearer token',
  requirements: ['AUTH-REJECT'],
}, async ({ scim, data, step }) => {
  const res = await step('GET /Users?filter=userName eq "…" (wrong token)', () =>
    scim.send({ method: 'GET', path: '/Users', query: [['filter', `userName eq "${data.guid()}"`]], auth: { authorization: `Bearer not-the-token-${data.guid()}` } }));
  expectScim(res).toHaveStatus(401);
});

check({
  id: 'auth/wrong-token-post',
  title: 'Sends POST /Users with a wrong bearer token',
  requirements: ['AUTH-REJECT'],
}, async ({ scim, entra, data, newUser, ledger, step }) => {
  const user = newUser();
  const res = await step('POST /Users (wrong token)', () =>
    scim.send({ ...entra.createUser(user), auth: { authorization: `Bearer not-the-token-${data.guid()}` } }));
  // If the endpoint wrongly created it, make sure cleanup removes it.
  const id = (res.body as { id?: unknown } | undefined)?.id;
  if (res.status < 300 && typeof id === 'string') ledger.track('User', id, user.userName);
  expectScim(res).toHaveStatus(401);
});
