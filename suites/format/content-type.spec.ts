import { check, expectScim } from '../_harness/index.js';

check({
  id: 'format/content-type',
  title: 'Sends POST, GET and a filter query and reads the Content-Type of each success',
  requirements: ['HTTP-CONTENT-TYPE'],
}, async ({ scim, entra, setup, step }) => {
  const { id, payload, res: created } = await setup.user();
  expectScim(created).toHaveScimContentType();
  const read = await step('GET /Users/{id}', () => scim.send(entra.getUser(id)));
  expectScim(read).toHaveStatus(200).toHaveScimContentType();
  const found = await step('GET /Users?filter=userName eq "…"', () => scim.send(entra.findUser('userName', payload.userName)));
  expectScim(found).toHaveStatus(200).toHaveScimContentType();
});
