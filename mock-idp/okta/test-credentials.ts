/**
 * "Test API Credentials" (docs/okta-behaviour.md §1.1): `GET /Users?startIndex=1&count=2`, then
 * `GET /Groups?startIndex=1&count=100`; each must answer 200 with a ListResponse whose totalResults is an integer.
 */
import type { ScimResponse } from '../../core/client/scim-client.js';
import type { TestConnectionResult } from '../cycles/types.js';
import type { OktaParts } from './context.js';

function judge(res: ScimResponse): { ok: boolean; message: string } {
  const body = res.body as { totalResults?: unknown; Resources?: unknown } | undefined;
  if (res.status === 401 || res.status === 403) return { ok: false, message: `invalid credentials: the endpoint answered ${res.status}` };
  if (res.status !== 200) return { ok: false, message: `expected 200 with a ListResponse, got ${res.status}` };
  if (!res.json || !body || typeof body !== 'object') return { ok: false, message: 'answered 200 but not with JSON (Okta cannot parse it)' };
  if (!Number.isInteger(body.totalResults)) return { ok: false, message: `answered 200 but totalResults is ${JSON.stringify(body.totalResults)}, not a JSON integer` };
  if (body.Resources !== undefined && !Array.isArray(body.Resources)) return { ok: false, message: 'answered 200 but Resources is not an array' };
  return { ok: true, message: `answered 200 with a ListResponse (totalResults ${String(body.totalResults)})` };
}

export async function testCredentials(job: OktaParts): Promise<TestConnectionResult> {
  const { builder, opts } = job;
  const client = opts.client.fork();
  const checks: TestConnectionResult['checks'] = [];
  for (const req of [builder.testCredentialsUsers(), builder.testCredentialsGroups()]) {
    const step = req.step ?? req.path;
    try {
      const res = await client.send(req);
      checks.push({ step, status: res.status, ...judge(res) });
    } catch (err) {
      checks.push({ step, ok: false, message: (err as Error).message });
    }
  }
  return { ok: checks.every((c) => c.ok), checks, exchanges: client.exchanges };
}
