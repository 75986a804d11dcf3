/** Shared fixtures of the mock-idp self-tests: the reference app on port 0, a job on an in-memory state, reads. */
import { startReferenceApp, type RunningReferenceApp } from '../../reference-app/server.js';
import { createAgent, createScimClient, type ScimClient } from '../../core/client/scim-client.js';
import { staticToken } from '../../core/client/oauth.js';
import type { Dialect } from '../../core/run-config.js';
import { openDb, type Db } from '../../mock-idp/db.js';
import { ProvisioningJob, type JobOptions } from '../../mock-idp/cycles/job.js';
import { loadMappings, type CompiledMappings } from '../../mock-idp/mappings/mappings.js';

export const TOKEN = 'mock-idp-self-test-token';

export async function startTarget(defects: string[] = []): Promise<RunningReferenceApp> {
  return startReferenceApp({ tokens: [TOKEN], defects, onInternalError: (err) => console.error(err) });
}

export function clientFor(url: string): ScimClient {
  return createScimClient({ baseUrl: url, token: staticToken(TOKEN), secrets: [TOKEN], dispatcher: createAgent({ connections: 16 }), timeoutMs: 10_000 });
}

export function newJob(url: string, o: Partial<JobOptions> & { db?: Db; dialect?: Dialect; mappings?: CompiledMappings } = {}): ProvisioningJob {
  return new ProvisioningJob({
    db: o.db ?? openDb(':memory:'),
    client: o.client ?? clientFor(url),
    mappings: o.mappings ?? loadMappings(),
    dialect: o.dialect ?? 'default',
    ...o,
  });
}

/** Every resource of a type, paged the RFC way. */
export async function listAll(client: ScimClient, type: 'Users' | 'Groups', attrs?: string): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for (let start = 1; ; ) {
    const query: Array<[string, string]> = [['startIndex', String(start)], ['count', '200']];
    if (attrs) query.push(['excludedAttributes', attrs]);
    const res = await client.send({ method: 'GET', path: `/${type}`, query });
    if (res.status !== 200) throw new Error(`GET /${type} answered ${res.status}: ${res.text.slice(0, 200)}`);
    const body = res.body as { Resources?: Array<Record<string, unknown>>; totalResults: number };
    const page = body.Resources ?? [];
    out.push(...page);
    start += page.length;
    if (page.length === 0 || out.length >= body.totalResults) return out;
  }
}
