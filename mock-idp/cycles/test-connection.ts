/**
 * Test Connection (docs/entra-behaviour.md §1.6): a filter on the first matching attribute for a random GUID on Users (and
 * Groups when groups are provisioned) must answer 200 with an empty ListResponse.
 */
import type { ScimResponse } from '../../core/client/scim-client.js';
import type { JobParts } from './context.js';
import type { TestConnectionResult } from './types.js';
import { listOf } from './values.js';

export async function testConnection(job: JobParts): Promise<TestConnectionResult> {
  const { builder, mappings, opts } = job;
  const probes = [builder.testConnectionUsers(mappings.user.matching[0]?.target ?? 'userName')];
  if (mappings.group.enabled) probes.push(builder.testConnectionGroups());
  const client = opts.client.fork();
  const checks: TestConnectionResult['checks'] = [];
  for (const req of probes) {
    const step = req.step ?? req.path;
    let res: ScimResponse;
    try {
      res = await client.send(req);
    } catch (err) {
      checks.push({ step, ok: false, message: (err as Error).message });
      continue;
    }
    const body = res.body as { totalResults?: unknown } | undefined;
    let message = 'answered 200 with an empty ListResponse';
    let ok = false;
    if (res.status === 401 || res.status === 403) message = `invalid credentials: the endpoint answered ${res.status}`;
    else if (res.status === 404) message = 'SCIM compliance issue: an HTTP/404 Not Found response was returned rather than the expected HTTP/200 OK with an empty ListResponse';
    else if (res.status !== 200) message = `expected 200 with an empty ListResponse, got ${res.status}`;
    else if (!res.json || typeof body?.totalResults !== 'number') message = 'answered 200 but not with a SCIM ListResponse (no totalResults)';
    else if (body.totalResults !== 0 || listOf(res).length) message = `expected no match for a random GUID, got totalResults ${String(body.totalResults)}`;
    else ok = true;
    checks.push({ step, status: res.status, ok, message });
  }
  return { ok: checks.every((c) => c.ok), checks, exchanges: client.exchanges };
}
