/**
 * The body of an error answer (RFC 7644 §3.12; docs/entra-behaviour.md §1.3: the docs' 404 example has `"status": "404"` as a
 * string, and the validator does not check it): the Error schema URN, `status` as a string equal to the HTTP
 * status, a non-empty `detail`, and application/scim+json. Judged on a 404 and on a 409.
 */
import type { ScimResponse } from '../../core/client/scim-client.js';
import { URN } from '../../core/urns.js';
import { blocked, check, CHECK, describeResponse, expectScim, fail } from '../_harness/index.js';
import { send } from '../_harness/wire.js';

/** The checks whose subject is the status itself; a wrong status blocks this check instead of failing it twice. */
const STATUS_CHECKS = {
  404: CHECK.getUnknownUser,
  409: CHECK.createDuplicateUser,
} as const;

function expectScimError(res: ScimResponse, expectedStatus: keyof typeof STATUS_CHECKS, cause: string): void {
  if (res.status !== expectedStatus) {
    blocked(STATUS_CHECKS[expectedStatus], `${cause} answered ${describeResponse(res)} instead of ${expectedStatus}, so its error body cannot be judged`);
  }
  expectScim(res).toHaveScimContentType();
  const body = expectScim(res).json();
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(URN.Error)) {
    fail('SCIM_SCHEMA', 'the error body does not name the SCIM Error schema', { expected: `"schemas": ["${URN.Error}"]`, actual: `"schemas": ${JSON.stringify(schemas) ?? '(absent)'}`, res });
  }
  if (body.status !== String(expectedStatus)) {
    fail('SCIM_VALUE', `"status" is ${typeof body.status === 'number' ? 'a number' : 'not the HTTP status as a string'}`, {
      expected: `"status": "${expectedStatus}" (a string)`,
      actual: `"status": ${JSON.stringify(body.status) ?? '(absent)'}`,
      res,
    });
  }
  if (typeof body.detail !== 'string' || body.detail.trim() === '') {
    fail('SCIM_MISSING', 'the error body has no detail', { expected: '"detail": a human-readable explanation', actual: `"detail": ${JSON.stringify(body.detail) ?? '(absent)'}`, res });
  }
  expectScim(res).toMatchSchema('Error');
}

check({
  id: 'errors/not-found-body',
  title: 'Sends GET /Users/{id} for an id that does not exist and reads the error body',
  requirements: ['ERROR-FORMAT'],
}, async (ctx) => {
  const res = await send(ctx, ctx.entra.getUser(ctx.data.guid()));
  expectScimError(res, 404, 'GET of an unknown user');
});

check({
  id: 'errors/conflict-body',
  title: 'Sends POST /Users with a userName already in use and reads the error body',
  requirements: ['ERROR-FORMAT'],
}, async (ctx) => {
  const existing = await ctx.setup.user();
  const duplicate = ctx.newUser({ userName: existing.payload.userName });
  const res = await send(ctx, ctx.entra.createUser(duplicate));
  const id = (res.body as { id?: unknown } | undefined)?.id;
  if (res.status < 300 && typeof id === 'string') ctx.ledger.track('User', id, duplicate.userName);
  expectScimError(res, 409, 'a duplicate POST /Users');
});
