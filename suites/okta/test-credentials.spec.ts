/** Okta's "Test API Credentials" and its import: the list queries Okta pages with (docs/okta.md §Import). */
import type { ScimResponse } from '../../core/client/scim-client.js';
import { OKTA_PAGE_SIZE } from '../../mock-idp/index.js';
import { check, expectScim, fail } from '../_harness/index.js';
import { send } from '../_harness/wire.js';
import { assignUser } from './okta-kit.js';

/** The paging fields Okta reads must be JSON integers. */
function expectIntegerPaging(res: ScimResponse, fields: readonly string[]): Record<string, unknown> {
  const body = expectScim(res).toHaveStatus(200).json();
  const wrong = fields.filter((k) => !Number.isInteger(body[k]));
  if (wrong.length) fail('SCIM_VALUE', `${wrong.join(', ')} not JSON integers`, { expected: `${fields.join(', ')} as JSON integers`, actual: wrong.map((k) => `${k} = ${JSON.stringify(body[k]) ?? 'absent'}`).join(', '), res });
  return body;
}

const ids = (body: Record<string, unknown>): string[] => (Array.isArray(body.Resources) ? body.Resources : []).map((r) => String((r as { id?: unknown }).id));

check({
  id: 'okta/test-credentials',
  title: 'Sends Okta\'s Test API Credentials: GET /Users?startIndex=1&count=2, then GET /Groups?startIndex=1&count=100',
  requirements: ['OKTA-TEST-CREDENTIALS'],
}, async (ctx) => {
  // Three users, so count=2 has something to cut.
  for (let i = 0; i < 3; i++) await assignUser(ctx);
  const probes = [ctx.okta.testCredentialsUsers(), ...(ctx.caps.groupsNaReason === undefined ? [ctx.okta.testCredentialsGroups()] : [])];
  for (const req of probes) {
    const res = await send(ctx, req);
    expectScim(res).toBeListResponse();
    const body = expectIntegerPaging(res, ['totalResults']);
    const count = Number(req.query?.find(([k]) => k === 'count')?.[1]);
    if (ids(body).length > count) fail('SCIM_VALUE', `${req.path} returned more resources than count`, { expected: `at most ${count}`, actual: `${ids(body).length}`, res });
  }
});

check({
  id: 'okta/import-paging',
  title: 'Sends Okta\'s import: GET /Users?startIndex=1&count=100, the same page again, then +100 until totalResults',
  requirements: ['OKTA-IMPORT-PAGING'],
}, async (ctx) => {
  for (let i = 0; i < 3; i++) await assignUser(ctx);
  const first = await send(ctx, ctx.okta.listUsers(1));
  const again = await send(ctx, { ...ctx.okta.listUsers(1), step: `GET /Users?startIndex=1&count=${OKTA_PAGE_SIZE} (again)` });
  const a = expectIntegerPaging(first, ['totalResults', 'startIndex', 'itemsPerPage']);
  const b = expectIntegerPaging(again, ['totalResults', 'startIndex', 'itemsPerPage']);
  if (a.startIndex !== 1) fail('SCIM_VALUE', 'the first page does not start at 1', { expected: 'startIndex 1', actual: `startIndex ${JSON.stringify(a.startIndex)}`, res: first });
  if (ids(a).join() !== ids(b).join()) fail('SCIM_VALUE', 'the same page asked twice came back in another order', { expected: ids(a).slice(0, 5).join(', '), actual: ids(b).slice(0, 5).join(', '), res: again });
  // Okta walks pages of 100 until totalResults: every user once (more than one page only on a busy endpoint).
  const total = a.totalResults as number;
  const seen = ids(a);
  for (let start = 1 + OKTA_PAGE_SIZE; start <= total && seen.length < total; start += OKTA_PAGE_SIZE) {
    const res = await send(ctx, ctx.okta.listUsers(start));
    const page = expectIntegerPaging(res, ['totalResults', 'startIndex', 'itemsPerPage']);
    if (page.startIndex !== start) fail('SCIM_VALUE', 'a page does not start where it was asked to', { expected: `startIndex ${start}`, actual: `startIndex ${JSON.stringify(page.startIndex)}`, res });
    if (ids(page).length === 0) break;
    seen.push(...ids(page));
  }
  const twice = seen.filter((id, i) => seen.indexOf(id) !== i);
  if (twice.length) fail('SCIM_VALUE', 'the import pages hold a user twice', { expected: 'every user once', actual: `twice: ${twice.slice(0, 5).join(', ')}`, res: first });
  if (seen.length < total) fail('SCIM_MISSING', 'the import pages miss users', { expected: `${total} users (totalResults)`, actual: `${seen.length} users`, res: first });
});
