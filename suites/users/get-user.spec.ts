import { check, CHECK, expectScim, expectValue } from '../_harness/index.js';

check({
  id: 'users/get',
  title: 'Sends GET /Users/{id} for a user it created',
  requirements: ['USER-GET'],
}, async ({ scim, entra, setup, step }) => {
  const { id, payload } = await setup.user();
  const res = await step('GET /Users/{id}', () => scim.send(entra.getUser(id)));
  const body = expectScim(res).toHaveStatus(200).toMatchSchema('User').json();
  expectValue(res, body, 'id', id);
  expectValue(res, body, 'userName', payload.userName);
});

check({
  id: CHECK.getUnknownUser,
  title: 'Sends GET /Users/{id} for an id that does not exist',
  requirements: ['USER-GET-UNKNOWN'],
}, async ({ scim, entra, data, step }) => {
  const res = await step('GET /Users/{random id}', () => scim.send(entra.getUser(`${data.prefix}${data.guid()}`)));
  expectScim(res).toHaveStatus(404);
});
