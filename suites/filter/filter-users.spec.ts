import { check, expectScim, fail } from '../_harness/index.js';
import type { ScimResponse } from '../../core/client/scim-client.js';

/** Exactly one resource, the one we created. */
function expectOnly(res: ScimResponse, id: string, what: string): void {
  const resources = expectScim(res).toHaveStatus(200).toBeListResponse().resources();
  const ids = resources.map((r) => String(r.id));
  if (ids.length !== 1 || ids[0] !== id) {
    fail('SCIM_VALUE', `${what} did not find exactly the matching user`, { expected: `exactly [${id}]`, actual: `[${ids.join(', ')}]`, res });
  }
}

check({
  id: 'filter/username',
  title: 'Sends GET /Users?filter=userName eq "…" for a user it created',
  requirements: ['USER-FILTER-USERNAME'],
  counterparts: ['MSV 3: Filter for an existing user'],
}, async ({ scim, entra, setup, step }) => {
  const { id, payload } = await setup.user();
  // A second user whose userName contains the first one's: an `eq` evaluated as `co` or `sw` finds both.
  await setup.user({ userName: `${payload.userName}.net` });
  const res = await step('GET /Users?filter=userName eq "…"', () => scim.send(entra.findUser('userName', payload.userName)));
  expectOnly(res, id, 'userName eq');
  const literal = await step('GET /Users?filter=userName+eq+"…" (validator encoding)', () =>
    scim.send({ ...entra.findUser('userName', payload.userName), queryStyle: 'validator' }));
  expectOnly(literal, id, 'userName eq with literal quotes');
});

check({
  id: 'filter/username-case',
  title: 'Sends GET /Users?filter=userName eq "…" with the userName in upper case',
  requirements: ['USER-FILTER-USERNAME-CASE'],
  counterparts: ['MSV 5: Filter for an existing user with a different case'],
}, async ({ scim, entra, setup, step }) => {
  const { id, payload } = await setup.user();
  const res = await step('GET /Users?filter=userName eq "<UPPER CASE>"', () => scim.send(entra.findUser('userName', payload.userName.toUpperCase())));
  expectOnly(res, id, 'userName eq in another case');
});

check({
  id: 'filter/external-id',
  title: 'Sends GET /Users?filter=externalId eq "…" for a user it created',
  requirements: ['USER-FILTER-EXTERNALID'],
}, async ({ scim, entra, setup, step }) => {
  const { id, payload } = await setup.user();
  const res = await step('GET /Users?filter=externalId eq "…"', () => scim.send(entra.findUser('externalId', payload.externalId)));
  expectOnly(res, id, 'externalId eq');
});

check({
  id: 'filter/work-email',
  title: 'Sends GET /Users?filter=emails[type eq "work"].value eq "…"',
  requirements: ['USER-FILTER-EMAIL'],
}, async ({ scim, entra, setup, step, attrs }) => {
  attrs.need(['emails[type eq "work"].value']);
  const { id, payload } = await setup.user();
  const mail = payload.emails?.[0]?.value ?? '';
  const res = await step('GET /Users?filter=emails[type eq "work"].value eq "…"', () => scim.send(entra.findUser('emails[type eq "work"].value', mail)));
  expectOnly(res, id, 'emails[type eq "work"].value eq');
});

check({
  id: 'filter/no-match',
  title: 'Sends GET /Users?filter=userName eq "…" for a userName nobody has',
  requirements: ['FILTER-NO-MATCH'],
  counterparts: ['MSV 4: Filter for a non-existing user'],
}, async ({ scim, entra, data, step }) => {
  const res = await step('GET /Users?filter=userName eq "<nonexistent>"', () => scim.send(entra.findUser('userName', `nonexistent${data.guid()}@contoso.example`)));
  expectScim(res).toHaveStatus(200).toBeListResponse().toHaveTotalResults(0);
  const body = res.body as { Resources?: unknown };
  if (body.Resources !== undefined && !(Array.isArray(body.Resources) && body.Resources.length === 0)) {
    fail('SCIM_VALUE', 'an empty result carries resources', { expected: 'Resources absent or []', actual: JSON.stringify(body.Resources), res });
  }
});

check({
  id: 'filter/and',
  title: 'Sends GET /Users?filter=userName eq "…" and externalId eq "…"',
  requirements: ['FILTER-AND'],
}, async ({ scim, setup, step }) => {
  const { id, payload } = await setup.user();
  const hit = await step('GET /Users?filter=userName eq "…" and externalId eq "…"', () =>
    scim.send({ method: 'GET', path: '/Users', query: [['filter', `userName eq "${payload.userName}" and externalId eq "${payload.externalId}"`]] }));
  expectOnly(hit, id, 'a matching and-filter');
  const miss = await step('GET /Users?filter=userName eq "…" and externalId eq "<other>"', () =>
    scim.send({ method: 'GET', path: '/Users', query: [['filter', `userName eq "${payload.userName}" and externalId eq "not-${payload.externalId}"`]] }));
  expectScim(miss).toHaveStatus(200).toBeListResponse().toHaveTotalResults(0);
});
