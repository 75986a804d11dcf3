import { check, CHECK, expectScim, expectValue, fail } from '../_harness/index.js';
import { URN } from '../../core/urns.js';

check({
  id: CHECK.createUser,
  title: 'Sends POST /Users with a new user as Entra does',
  requirements: ['USER-CREATE'],
  counterparts: ['MSV 1: Create a new User', 'Gallery 17: SCIM_User_Create_Test'],
}, async ({ scim, entra, data, ledger, step }) => {
  const user = data.user();
  const res = await step('POST /Users', () => scim.send(entra.createUser(user)));
  const body = expectScim(res).toHaveStatus(201).toMatchSchema('User').json();
  ledger.track('User', String(body.id), user.userName);
  expectValue(res, body, 'userName', user.userName);
  expectValue(res, body, 'externalId', user.externalId);
  expectValue(res, body, 'active', true);
  const schemas = body.schemas as string[];
  if (!schemas.includes(URN.User)) fail('SCIM_MISSING', 'the created resource does not list the core User schema', { expected: URN.User, actual: JSON.stringify(schemas), res });
  const found = await step('GET /Users?filter=userName eq "…"', () => scim.send(entra.findUser('userName', user.userName)));
  const resources = expectScim(found).toHaveStatus(200).toBeListResponse().resources();
  if (!resources.some((r) => r.id === body.id)) {
    fail('SCIM_MISSING', 'the created user is not found by its userName', { expected: `a resource with id ${String(body.id)}`, actual: `${resources.length} resources`, res: found });
  }
});

check({
  id: 'users/create-string-booleans',
  title: 'Sends POST /Users with "True" and "true" string booleans as the validator does',
  requirements: ['USER-CREATE-STRING-BOOLEANS'],
  counterparts: ['MSV 1: Create a new User (validator sends "primary":"true")'],
}, async ({ scim, data, ledger, step }) => {
  const user = data.user();
  // The validator's create body: string booleans for primary (§5.3), and the Postman collection's "active":"True".
  const body = {
    schemas: [URN.User],
    userName: user.userName,
    externalId: user.externalId,
    active: 'True',
    emails: [{ primary: 'true', type: 'work', value: user.emails[0]?.value }],
    phoneNumbers: [{ primary: 'true', type: 'work', value: user.phoneNumbers[0]?.value }],
    roles: [{ primary: 'True', display: 'Reader', value: 'reader', type: 'app' }],
  };
  const res = await step('POST /Users with "active":"True", "primary":"true"', () => scim.send({ method: 'POST', path: '/Users', body }));
  const created = expectScim(res).toHaveStatus(201, 200).json();
  if (typeof created.id === 'string') ledger.track('User', created.id, user.userName);
  const read = await step('GET /Users/{id}', () => scim.send({ method: 'GET', path: `/Users/${encodeURIComponent(String(created.id))}` }));
  const stored = expectScim(read).toHaveStatus(200).json();
  expectValue(read, stored, 'active', true);
  const email = (stored.emails as Array<Record<string, unknown>> | undefined)?.[0];
  if (email?.primary !== true) fail('SCIM_VALUE', 'emails[0].primary is not stored as a boolean', { expected: 'primary = true (boolean)', actual: `primary = ${JSON.stringify(email?.primary)}`, res: read });
});

check({
  id: CHECK.createDuplicateUser,
  title: 'Sends POST /Users twice with the same userName, the second time in upper case',
  requirements: ['USER-CREATE-DUPLICATE'],
  counterparts: ['MSV 2: Create a duplicate User'],
}, async ({ scim, entra, setup, data, ledger, step }) => {
  const first = await setup.user();
  for (const [label, userName] of [['same case', first.payload.userName], ['upper case', first.payload.userName.toUpperCase()]] as const) {
    const dup = data.user({ userName });
    const res = await step(`POST /Users (duplicate userName, ${label})`, () => scim.send(entra.createUser(dup)));
    const id = (res.body as { id?: unknown } | undefined)?.id;
    if (res.status < 300 && typeof id === 'string' && id !== first.id) ledger.track('User', id, userName);
    expectScim(res).toHaveStatus(409);
  }
});

check({
  id: CHECK.valuesVerbatim,
  title: 'Sends POST /Users and reads every value back exactly as sent',
  requirements: ['USER-VALUES-VERBATIM'],
}, async ({ scim, entra, setup, step }) => {
  const { id, payload } = await setup.user({
    // Formats a service must not "tidy": national phone format, mixed-case mail, spaces in names.
    phoneNumbers: [{ type: 'work', value: '55555555555', primary: true }, { type: 'mobile', value: '(425) 555-0100' }],
    emails: [{ type: 'work', value: 'Mixed.Case@Contoso.Example', primary: true }],
  });
  const read = await step('GET /Users/{id}', () => scim.send(entra.getUser(id)));
  const stored = expectScim(read).toHaveStatus(200).json();
  for (const path of ['userName', 'displayName', 'title', 'name.givenName', 'name.familyName', 'name.formatted', 'preferredLanguage', 'timezone'] as const) {
    const [a, b] = path.split('.');
    const sent = b ? (payload[a as 'name'] as Record<string, unknown>)[b] : payload[a as keyof typeof payload];
    expectValue(read, stored, path, sent);
  }
  const phones = (stored.phoneNumbers as Array<{ type?: string; value?: string }> | undefined) ?? [];
  for (const p of payload.phoneNumbers) {
    const got = phones.find((x) => x.type === p.type)?.value;
    if (got !== p.value) fail('SCIM_VALUE', `phoneNumbers[type eq "${p.type}"].value was changed`, { expected: JSON.stringify(p.value), actual: JSON.stringify(got), res: read });
  }
  const mail = (stored.emails as Array<{ value?: string }> | undefined)?.[0]?.value;
  if (mail !== payload.emails[0]?.value) fail('SCIM_VALUE', 'emails[0].value was changed', { expected: JSON.stringify(payload.emails[0]?.value), actual: JSON.stringify(mail), res: read });
  expectValue(read, stored, `${URN.EnterpriseUser}:employeeNumber`, payload[URN.EnterpriseUser].employeeNumber);
});
