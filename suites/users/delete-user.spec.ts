import { check, expectScim } from '../_harness/index.js';

check({
  id: 'users/delete',
  title: 'Sends DELETE /Users/{id}, then GET and filter for the deleted user',
  requirements: ['USER-DELETE'],
  counterparts: ['MSV 12: Delete a User'],
}, async ({ scim, entra, setup, ledger, step }) => {
  const { id, payload } = await setup.user();
  const del = await step('DELETE /Users/{id}', () => scim.send(entra.deleteUser(id)));
  expectScim(del).toHaveStatus(204);
  ledger.forget('User', id);
  const get = await step('GET /Users/{id} (deleted)', () => scim.send(entra.getUser(id)));
  expectScim(get).toHaveStatus(404);
  const found = await step('GET /Users?filter=userName eq "…" (deleted)', () => scim.send(entra.findUser('userName', payload.userName)));
  expectScim(found).toHaveStatus(200).toBeListResponse().toHaveTotalResults(0);
});

check({
  id: 'users/delete-unknown',
  title: 'Sends DELETE /Users/{id} for an unknown id and for an already deleted user',
  requirements: ['USER-DELETE-UNKNOWN'],
  counterparts: ['MSV P3: Delete a non-existent User', 'MSV P4: Delete the same User twice'],
}, async ({ scim, entra, setup, data, ledger, step }) => {
  const unknown = await step('DELETE /Users/{random id}', () => scim.send(entra.deleteUser(`${data.prefix}${data.guid()}`)));
  expectScim(unknown).toHaveStatus(404);
  const { id } = await setup.user();
  const first = await step('DELETE /Users/{id}', () => scim.send(entra.deleteUser(id)));
  if (first.status === 204 || first.status === 200) ledger.forget('User', id);
  const second = await step('DELETE /Users/{id} (again)', () => scim.send(entra.deleteUser(id)));
  expectScim(second).toHaveStatus(404);
});
