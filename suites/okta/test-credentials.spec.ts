/** Okta's "Test API Credentials" and its import: the list queries Okta pages with (docs/okta.md §Import). */
import type { ScimResponse } from '../../core/client/scim-client.js';
import { OKTA_PAGE_SIZE } from '../../mock-idp/request-shapes.js';
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
  // Judged on what this check controls: other checks (or other clients) may create and delete users meanwhile, so
  // pages may gain or lose others' users, never reorder or lose these.
  const mine: string[] = [];
  for (let i = 0; i < 3; i++) mine.push((await assignUser(ctx)).id);
  const first = await send(ctx, ctx.okta.listUsers(1));
  const again = await send(ctx, { ...ctx.okta.listUsers(1), step: `GET /Users?startIndex=1&count=${OKTA_PAGE_SIZE} (again)` });
  const a = expectIntegerPaging(first, ['totalResults', 'startIndex', 'itemsPerPage']);
  const b = expectIntegerPaging(again, ['totalResults', 'startIndex', 'itemsPerPage']);
  if (a.startIndex !== 1) fail('SCIM_VALUE', 'the first page does not start at 1', { expected: 'startIndex 1', actual: `startIndex ${JSON.stringify(a.startIndex)}`, res: first });
  const inBoth = new Set(ids(a).filter((id) => ids(b).includes(id)));
  const orderA = ids(a).filter((id) => inBoth.has(id));
  const orderB = ids(b).filter((id) => inBoth.has(id));
  if (orderA.join() !== orderB.join()) fail('SCIM_VALUE', 'the same page asked twice came back in another order', { expected: orderA.slice(0, 5).join(', '), actual: orderB.slice(0, 5).join(', '), res: again });
  // Okta walks pages of 100 until totalResults (more than one page only on a busy endpoint).
  const total = a.totalResults as number;
  const seen = ids(a);
  for (let start = 1 + OKTA_PAGE_SIZE; start <= total; start += OKTA_PAGE_SIZE) {
    const res = await send(ctx, ctx.okta.listUsers(start));
    const page = expectIntegerPaging(res, ['totalResults', 'startIndex', 'itemsPerPage']);
    if (page.startIndex !== start) fail('SCIM_VALUE', 'a page does not start where it was asked to', { expected: `startIndex ${start}`, actual: `startIndex ${JSON.stringify(page.startIndex)}`, res });
    if (ids(page).length === 0) break;
    seen.push(...ids(page));
  }
  const count = (id: string): number => seen.filter((s) => s === id).length;
  const wrong = mine.filter((id) => count(id) !== 1);
  if (wrong.length) fail('SCIM_VALUE', 'the import pages do not hold each user of this check exactly once', { expected: `${mine.join(', ')} once each`, actual: wrong.map((id) => `${id} ${count(id)} times`).join(', '), res: first });
});
