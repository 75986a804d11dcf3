/** Okta's pitfalls around reading: a userName filter in another letter case, and error bodies Okta can parse. */
import { URN } from '../../core/urns.js';
import { check, expectScim, fail } from '../_harness/index.js';
import { send } from '../_harness/wire.js';
import { assignUser, oktaUser } from './okta-kit.js';

check({
  id: 'okta/filter-username-case',
  title: 'Sends Okta\'s userName lookup with the userName in upper case',
  requirements: ['OKTA-FILTER-USERNAME-CASE'],
}, async (ctx) => {
  const { id, profile } = await assignUser(ctx);
  const res = await send(ctx, { ...ctx.okta.findUser(profile.userName.toUpperCase()), step: 'GET /Users?filter=userName eq "<USERNAME>"&startIndex=1&count=100' });
  const hits = expectScim(res).toHaveStatus(200).toBeListResponse().resources();
  if (!hits.some((r) => r.id === id)) fail('SCIM_MISSING', 'the upper-cased userName does not find the user', { expected: `a resource with id ${id}`, actual: `${hits.length} resources`, res });
});

check({
  id: 'okta/error-bodies-json',
  title: 'Sends Okta\'s POST /Users with a taken userName and GET /Users/{id} of an unknown id',
  requirements: ['OKTA-ERROR-JSON'],
}, async (ctx) => {
  const { profile } = await assignUser(ctx);
  const duplicate = await send(ctx, { ...ctx.okta.createUser({ ...oktaUser(ctx), userName: profile.userName }), step: 'POST /Users (userName taken)' });
  const unknown = await send(ctx, ctx.okta.getUser(ctx.data.guid()));
  for (const res of [duplicate, unknown]) {
    // Whether the status is right is another requirement's; only errors are judged here.
    if (res.status < 400) continue;
    if (!res.json) fail('SCIM_SCHEMA', `the ${res.status} answer is not JSON`, { expected: 'a JSON SCIM Error body', actual: `${res.headers['content-type'] ?? 'no Content-Type'}: ${(res.text ?? '').slice(0, 120)}`, res });
    const schemas = (res.body as { schemas?: unknown }).schemas;
    if (!Array.isArray(schemas) || !schemas.includes(URN.Error)) fail('SCIM_SCHEMA', `the ${res.status} answer is JSON but no SCIM Error`, { expected: `schemas [${URN.Error}]`, actual: JSON.stringify(res.body).slice(0, 160), res });
  }
});
