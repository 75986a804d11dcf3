import { check, expectScim } from '../_harness/index.js';

check({
  id: 'format/list-response',
  title: 'Sends GET /Users?filter=userName eq "…" and reads the ListResponse envelope',
  requirements: ['LIST-RESPONSE'],
}, async ({ scim, entra, setup, step }) => {
  const { payload } = await setup.user();
  const res = await step('GET /Users?filter=userName eq "…"', () => scim.send(entra.findUser('userName', payload.userName)));
  expectScim(res).toHaveStatus(200).toHavePageFields().toHaveTotalResults(1);
});
