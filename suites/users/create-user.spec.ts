import { blocked, check, CHECK, expectScim, expectValue, fail, na } from '../_harness/index.js';
import type { CheckContext } from '../_harness/index.js';
import { send } from '../_harness/wire.js';
import type { ScimResponse } from '../../core/client/scim-client.js';
import { toBoolean } from '../../core/filter/index.js';
import { URN } from '../../core/urns.js';

check({
  id: CHECK.createUser,
  title: 'Sends POST /Users with a new user as Entra does',
  requirements: ['USER-CREATE'],
  counterparts: ['MSV 1: Create a new User', 'Gallery 17: SCIM_User_Create_Test'],
}, async ({ scim, entra, newUser, ledger, step, attrs }) => {
  const user = newUser();
  const res = await step('POST /Users', () => scim.send(entra.createUser(user)));
  const body = expectScim(res).toHaveStatus(201).toMatchSchema('User').json();
  ledger.track('User', String(body.id), user.userName);
  expectValue(res, body, 'userName', user.userName);
  expectValue(res, body, 'externalId', user.externalId);
  for (const path of attrs.declared(['active'])) expectValue(res, body, path, true);
  const schemas = body.schemas as string[];
  if (!schemas.includes(URN.User)) fail('SCIM_MISSING', 'the created resource does not list the core User schema', { expected: URN.User, actual: JSON.stringify(schemas), res });
  const found = await step('GET /Users?filter=userName eq "…"', () => scim.send(entra.findUser('userName', user.userName)));
  const resources = expectScim(found).toHaveStatus(200).toBeListResponse().resources();
  if (!resources.some((r) => r.id === body.id)) {
    fail('SCIM_MISSING', 'the created user is not found by its userName', { expected: `a resource with id ${String(body.id)}`, actual: `${resources.length} resources`, res: found });
  }
});

/** Entra's roles as its SingleAppRoleAssignment mapping sends them on POST (docs/entra-behaviour.md §2.5.4). */
const ROLE = { primary: true, type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' };

check({
  id: CHECK.createWithRoles,
  title: 'Sends POST /Users with an app role as Entra\'s role mapping does',
  requirements: ['USER-ROLES'],
  applies: (caps) => caps.rolesNaReason,
}, async (ctx) => {
  const user = ctx.newUser({ roles: [ROLE] });
  const res = await send(ctx, { ...ctx.entra.createUser(user), step: 'POST /Users with roles' });
  // 200 for 201, or booleans as strings, are USER-CREATE's and RESOURCE-SCHEMA's to judge: here, the role itself.
  const created = expectScim(res).toHaveStatus(201, 200).json();
  if (typeof created.id === 'string') ctx.ledger.track('User', created.id, user.userName);
  const read = await send(ctx, ctx.entra.getUser(String(created.id)));
  const stored = expectScim(read).toHaveStatus(200).json();
  const roles = Array.isArray(stored.roles) ? (stored.roles as Array<Record<string, unknown>>) : [];
  if (!roles.some((r) => r.value === ROLE.value && toBoolean(r.primary) === true && r.type === ROLE.type)) {
    fail('SCIM_VALUE', 'the role sent on create is not returned as sent', {
      expected: `roles containing ${JSON.stringify(ROLE)}`,
      actual: `roles = ${JSON.stringify(stored.roles) ?? '(absent)'}`,
      res: read,
    });
  }
});

/**
 * The validator's create body: string booleans for `active` (the Postman collection's "True") and for `primary`
 * ("true", docs/entra-behaviour.md §5.3), restricted to the attributes the endpoint declares (roles only when app roles are
 * mapped), as the validator restricts it after reading /Schemas.
 */
function stringBooleanBody(ctx: CheckContext, strings: boolean): Record<string, unknown> | undefined {
  const user = ctx.data.user();
  const flag = (b: boolean): boolean | string => (strings ? (b ? 'True' : 'False') : b);
  const primary = (b: boolean): boolean | string => (strings ? String(b) : b);
  const body: Record<string, unknown> = { schemas: [URN.User], userName: user.userName, externalId: user.externalId };
  const sent: string[] = [];
  if (ctx.attrs.has('active')) (body.active = flag(true), sent.push('active'));
  if (ctx.attrs.has('emails[type eq "work"].primary')) (body.emails = [{ primary: primary(true), type: 'work', value: user.emails[0]?.value }], sent.push('emails'));
  if (ctx.attrs.has('phoneNumbers[type eq "work"].primary')) (body.phoneNumbers = [{ primary: primary(true), type: 'work', value: user.phoneNumbers[0]?.value }], sent.push('phoneNumbers'));
  if (ctx.caps.rolesNaReason === undefined) (body.roles = [{ primary: flag(true), display: 'Reader', value: 'reader', type: 'app' }], sent.push('roles'));
  return sent.length ? body : undefined;
}

/** POSTs a body and reads the user back; the booleans that did not come back as JSON true. */
async function createAndRead(ctx: CheckContext, body: Record<string, unknown>, step: string, prefix = ''): Promise<{ refused?: string; wrong: string[]; res: ScimResponse }> {
  const res = await send(ctx, { method: 'POST', path: '/Users', body, step: `${prefix}${step}` });
  const created = res.body as { id?: unknown } | undefined;
  if ((res.status !== 201 && res.status !== 200) || typeof created?.id !== 'string') return { refused: `${res.status}`, wrong: [], res };
  ctx.ledger.track('User', created.id, String(body.userName));
  const read = await send(ctx, { method: 'GET', path: `/Users/${encodeURIComponent(created.id)}`, step: `${prefix}GET /Users/{id}` });
  const stored = expectScim(read, 'USER-CREATE-STRING-BOOLEANS').toHaveStatus(200).json();
  const wrong: string[] = [];
  if ('active' in body && stored.active !== true) wrong.push(`active = ${JSON.stringify(stored.active) ?? '(absent)'}`);
  for (const attr of ['emails', 'phoneNumbers', 'roles'].filter((a) => a in body)) {
    const first = (stored[attr] as Array<Record<string, unknown>> | undefined)?.[0];
    if (first?.primary !== true) wrong.push(`${attr}[0].primary = ${JSON.stringify(first?.primary) ?? '(absent)'}`);
  }
  return { wrong, res: read };
}

/** The check proving what the control got wrong: roles on create when only roles went wrong, else the create. */
function controlBlocker(wrong: readonly string[]): string {
  return wrong.length > 0 && wrong.every((w) => w.startsWith('roles')) ? CHECK.createWithRoles : CHECK.createUser;
}

check({
  id: 'users/create-string-booleans',
  title: 'Sends POST /Users with "True" and "true" string booleans as the validator does',
  requirements: ['USER-CREATE-STRING-BOOLEANS'],
  counterparts: ['MSV 1: Create a new User (validator sends "primary":"true")'],
}, async (ctx) => {
  const control = stringBooleanBody(ctx, false);
  const quirk = stringBooleanBody(ctx, true);
  if (!control || !quirk) return na(`${ctx.attrs.set.whyMissing('User', 'active')}, nor is a primary sub-attribute of emails or phoneNumbers, nor are roles mapped`);
  // One variable: the same body with JSON booleans first; if the endpoint refuses that, the create itself is broken.
  const base = await createAndRead(ctx, control, 'POST /Users with JSON booleans', 'control: ');
  if (base.refused || base.wrong.length) {
    blocked(controlBlocker(base.wrong), `the control (the same body with JSON booleans) ${base.refused ? `answered ${base.refused}` : `stored ${base.wrong.join(', ')}`}`);
  }
  const res = await createAndRead(ctx, quirk, 'POST /Users with "active":"True", "primary":"true"');
  if (res.refused || res.wrong.length) {
    fail('SCIM_VALUE', res.refused ? `the create with string booleans answered ${res.refused}` : 'string booleans were not stored as booleans', {
      expected: 'the user created with JSON booleans true, as the same body with JSON booleans was (the control)',
      actual: res.refused ? `status ${res.refused}` : res.wrong.join(', '),
      res: res.res,
    });
  }
});

check({
  id: CHECK.createDuplicateUser,
  title: 'Sends POST /Users twice with the same userName, the second time in upper case',
  requirements: ['USER-CREATE-DUPLICATE'],
  counterparts: ['MSV 2: Create a duplicate User'],
}, async ({ scim, entra, setup, newUser, ledger, step }) => {
  const first = await setup.user();
  for (const [label, userName] of [['same case', first.payload.userName], ['upper case', first.payload.userName.toUpperCase()]] as const) {
    const dup = newUser({ userName });
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
}, async ({ scim, entra, setup, step, attrs }) => {
  const { id, payload } = await setup.user({
    // Formats a service must not "tidy": national phone format, mixed-case mail, spaces in names.
    phoneNumbers: [{ type: 'work', value: '55555555555', primary: true }, { type: 'mobile', value: '(425) 555-0100' }],
    emails: [{ type: 'work', value: 'Mixed.Case@Contoso.Example', primary: true }],
  });
  const read = await step('GET /Users/{id}', () => scim.send(entra.getUser(id)));
  const stored = expectScim(read).toHaveStatus(200).json();
  const sentAt = (path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], payload);
  for (const path of attrs.declared(['userName', 'displayName', 'title', 'name.givenName', 'name.familyName', 'name.formatted', 'preferredLanguage', 'timezone'])) {
    expectValue(read, stored, path, sentAt(path));
  }
  if (attrs.declared(['phoneNumbers[type eq "work"].value']).length) {
    const phones = (stored.phoneNumbers as Array<{ type?: string; value?: string }> | undefined) ?? [];
    for (const p of payload.phoneNumbers ?? []) {
      const got = phones.find((x) => x.type === p.type)?.value;
      if (got !== p.value) fail('SCIM_VALUE', `phoneNumbers[type eq "${p.type}"].value was changed`, { expected: JSON.stringify(p.value), actual: JSON.stringify(got), res: read });
    }
  }
  if (attrs.declared(['emails[type eq "work"].value']).length) {
    const mail = (stored.emails as Array<{ value?: string }> | undefined)?.[0]?.value;
    if (mail !== payload.emails?.[0]?.value) fail('SCIM_VALUE', 'emails[0].value was changed', { expected: JSON.stringify(payload.emails?.[0]?.value), actual: JSON.stringify(mail), res: read });
  }
  const employeeNumber = `${URN.EnterpriseUser}:employeeNumber`;
  if (attrs.declared([employeeNumber]).length) expectValue(read, stored, employeeNumber, payload[URN.EnterpriseUser]?.employeeNumber);
});
