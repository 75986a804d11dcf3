/** Okta's assignment of a user: the userName lookup, then POST /Users with Okta's body (placeholder password included). */
import { blocked, check, CHECK, describeResponse, expectScim, fail } from '../_harness/index.js';
import { send } from '../_harness/wire.js';
import { createdId, oktaUser, readUser } from './okta-kit.js';

check({
  id: CHECK.oktaAssign,
  title: 'Sends Okta\'s assignment: GET /Users?filter=userName eq "…"&startIndex=1&count=100, then POST /Users with Okta\'s body',
  requirements: ['OKTA-USER-CREATE'],
}, async (ctx) => {
  const user = oktaUser(ctx);
  const lookup = await send(ctx, ctx.okta.findUser(user.userName));
  // Okta reads a 404 as "no such user" too; the no-match answer itself is OKTA-SPEC-FILTER-UNKNOWN's to judge.
  if (lookup.status !== 404) expectScim(lookup).toHaveStatus(200);
  const res = await send(ctx, ctx.okta.createUser(user));
  const id = createdId(res);
  if (id) ctx.ledger.track('User', id, user.userName);
  const body = expectScim(res).toHaveStatus(201, 200).json();
  if (!id) fail('SCIM_MISSING', 'the create answered without the user\'s id (Okta: "Create new user returned empty user")', { expected: 'the created user with its id', actual: JSON.stringify(body).slice(0, 200), res });
  if (body.userName !== user.userName) fail('SCIM_VALUE', 'the created user does not carry the userName sent', { expected: user.userName, actual: JSON.stringify(body.userName) ?? 'absent', res });
});

check({
  id: 'okta/placeholder-password',
  title: 'Sends Okta\'s POST /Users without a password, then the same with Okta\'s placeholder password',
  requirements: ['OKTA-PASSWORD-IGNORED'],
}, async (ctx) => {
  // Control: the same body without the password (Okta never sends that; it isolates the password).
  const control = oktaUser(ctx);
  const withoutPassword = ctx.okta.createUser(control);
  const controlBody = { ...(withoutPassword.body as Record<string, unknown>) };
  delete controlBody.password;
  const c = await send(ctx, { ...withoutPassword, body: controlBody, step: 'control: POST /Users without password' });
  const cid = createdId(c);
  if (cid) ctx.ledger.track('User', cid, control.userName);
  if (!cid) blocked(CHECK.oktaAssign, `the create without a password was refused too: ${describeResponse(c)}`);
  const user = oktaUser(ctx);
  const res = await send(ctx, ctx.okta.createUser(user));
  const id = createdId(res);
  if (id) ctx.ledger.track('User', id, user.userName);
  if (!id) fail('SCIM_STATUS', 'the create with Okta\'s placeholder password was refused; the same user without it was created', { expected: `${c.status}, as without the password`, actual: `${res.status} ${JSON.stringify(res.body)?.slice(0, 200) ?? ''}`, res });
  if ('password' in (res.body as Record<string, unknown>)) fail('SCIM_VALUE', 'the create answer returns the password', { expected: 'no "password" (returned never)', actual: 'password present', res });
  const read = await readUser(ctx, id, 'OKTA-PASSWORD-IGNORED');
  if ('password' in read.user) fail('SCIM_VALUE', 'GET /Users/{id} returns the password', { expected: 'no "password" (returned never)', actual: 'password present', res: read.res });
  expectScim(read.res).toHaveStatus(200);
});
