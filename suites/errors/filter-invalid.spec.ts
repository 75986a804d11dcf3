/**
 * Malformed filters (RFC 7644 §3.4.2.2 grammar, §3.12 scimType invalidFilter). Entra never sends one, but an
 * endpoint that answers them with 200 and everything, or 500, hides its filter bugs. All are sent; the failure
 * lists every one that was not answered 400 invalidFilter.
 */
import type { ScimResponse } from '../../core/client/scim-client.js';
import { check, describeResponse, fail } from '../_harness/index.js';
import { send } from '../_harness/wire.js';

const MALFORMED: ReadonlyArray<readonly [string, string]> = [
  ['no value', 'userName eq'],
  ['unterminated string', 'userName eq "unterminated'],
  ['unknown operator', 'userName zz "x"'],
  ['unbalanced parenthesis', '(userName eq "x"'],
  ['dangling and', 'userName eq "x" and'],
];

check({
  id: 'errors/malformed-filters',
  title: 'Sends GET /Users with malformed filters',
  requirements: ['FILTER-INVALID'],
}, async (ctx) => {
  const wrong: string[] = [];
  let firstWrong: ScimResponse | undefined;
  for (const [what, filter] of MALFORMED) {
    const res = await send(ctx, { method: 'GET', path: '/Users', query: [['filter', filter]], queryStyle: 'entra', step: `GET /Users?filter=${filter} (${what})` });
    const scimType = (res.body as { scimType?: unknown } | undefined)?.scimType;
    if (res.status !== 400 || scimType !== 'invalidFilter') {
      wrong.push(`${filter} (${what}) → ${describeResponse(res)} [#${res.seq}]`);
      firstWrong ??= res;
    }
  }
  if (wrong.length) {
    fail('SCIM_STATUS', `${wrong.length} of ${MALFORMED.length} malformed filters were not refused with 400 invalidFilter`, {
      expected: 'each: 400 with "scimType": "invalidFilter"',
      actual: wrong.join('\n  '),
      ...(firstWrong ? { res: firstWrong } : {}),
    });
  }
});
