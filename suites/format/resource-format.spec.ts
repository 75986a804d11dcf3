import { check, expectScim, fail, readPath } from '../_harness/index.js';

check({
  id: 'format/resource-ids',
  title: 'Sends POST, GET and a filter for a user and finds an id on every resource',
  requirements: ['RESOURCE-ID'],
}, async ({ scim, entra, setup, step }) => {
  const { id, payload, res: created } = await setup.user();
  const read = await step('GET /Users/{id}', () => scim.send(entra.getUser(id)));
  const found = await step('GET /Users?filter=userName eq "…"', () => scim.send(entra.findUser('userName', payload.userName)));
  // id is returned "always" (RFC 7643 §3.1), also when a projection does not list it (MSV "Get User Attributes").
  const byName = entra.findUser('userName', payload.userName);
  const projected = await step('GET /Users?filter=userName eq "…"&attributes=userName', () =>
    scim.send({ ...byName, query: [...(byName.query ?? []), ['attributes', 'userName']] }));
  const resources = [
    { res: created, r: created.body as Record<string, unknown> },
    { res: read, r: expectScim(read).toHaveStatus(200).json() },
    ...expectScim(found).toHaveStatus(200).resources().map((r) => ({ res: found, r })),
    ...expectScim(projected).toHaveStatus(200).resources().map((r) => ({ res: projected, r })),
  ];
  for (const { res, r } of resources) {
    if (typeof r.id !== 'string' || r.id.length === 0) fail('SCIM_MISSING', 'a returned resource has no id', { expected: 'a non-empty string id', actual: JSON.stringify(r.id), res });
  }
});

check({
  id: 'format/resource-schema',
  title: 'Sends GET /Users/{id} and validates the resource against RFC 7643',
  requirements: ['RESOURCE-SCHEMA'],
}, async ({ scim, entra, setup, step }) => {
  const { id } = await setup.user();
  const res = await step('GET /Users/{id}', () => scim.send(entra.getUser(id)));
  expectScim(res).toHaveStatus(200).toMatchSchema('User');
});

check({
  id: 'format/resource-meta',
  title: 'Sends GET /Users/{id} and reads meta.resourceType, created, lastModified and location',
  requirements: ['RESOURCE-META'],
}, async ({ scim, entra, setup, step }) => {
  const { id } = await setup.user();
  const res = await step('GET /Users/{id}', () => scim.send(entra.getUser(id)));
  const body = expectScim(res).toHaveStatus(200).json();
  const missing = ['meta.resourceType', 'meta.created', 'meta.lastModified', 'meta.location'].filter((p) => typeof readPath(body, p) !== 'string');
  if (missing.length) fail('SCIM_MISSING', `meta lacks ${missing.join(', ')}`, { expected: 'meta.resourceType, created, lastModified, location', actual: `meta = ${JSON.stringify(body.meta)}`, res });
  if (readPath(body, 'meta.resourceType') !== 'User') fail('SCIM_VALUE', 'meta.resourceType is not "User"', { expected: '"User"', actual: JSON.stringify(readPath(body, 'meta.resourceType')), res });
});

check({
  id: 'format/location-header',
  title: 'Sends POST /Users and reads the Location header of the 201',
  requirements: ['LOCATION-HEADER'],
}, async ({ setup }) => {
  const { id, res } = await setup.user();
  const location = res.headers.location;
  if (res.status !== 201 || !location) fail('SCIM_HEADER', '201 Created carries no Location header', { expected: `Location: …/Users/${id}`, actual: location ? `Location: ${location}` : `status ${res.status}, no Location`, res });
  if (!location.includes(id)) fail('SCIM_HEADER', 'the Location header does not point at the new user', { expected: `a URL ending in /Users/${id}`, actual: `Location: ${location}`, res });
});
