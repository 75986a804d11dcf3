/** Shared fixtures of the mock-idp self-tests: the reference app on port 0, a job on an in-memory state, reads. */
import { startReferenceApp, type RunningReferenceApp } from '../../reference-app/server.js';
import { createAgent, createScimClient, type ScimClient } from '../../core/client/scim-client.js';
import { staticToken } from '../../core/client/oauth.js';
import type { Dialect } from '../../core/run-config.js';
import { openDb, type Db } from '../../mock-idp/db.js';
import { ProvisioningJob } from '../../mock-idp/cycles/job.js';
import type { JobOptions } from '../../mock-idp/cycles/types.js';
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

export interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}
export interface FaultProxy {
  url: string;
  /** Decides per request; undefined forwards it to the target. */
  fault: ((req: { method: string; path: string; body: string }) => Fault | undefined) | undefined;
  /** Milliseconds to hold each forwarded request (a slow target). */
  delayMs: number;
  /** Requests forwarded and answered by the target, by `METHOD path-without-query`. */
  answered: Map<string, number>;
  close(): Promise<void>;
}

/** A proxy in front of the target that can fail chosen requests (a target that breaks mid-cycle). */
export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const { createServer } = await import('node:http');
  const target = new URL(targetUrl);
  const proxy: FaultProxy = { url: '', fault: undefined, delayMs: 0, answered: new Map(), close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').replace(/^\/scim\/v2/, '');
      const f = proxy.fault?.({ method: req.method ?? 'GET', path, body });
      if (f) {
        res.writeHead(f.status, { 'content-type': 'application/scim+json', ...f.headers });
        res.end(f.body === undefined ? '' : JSON.stringify(f.body));
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      const key = `${req.method ?? 'GET'} ${path.split('?')[0] ?? ''}`;
      new Promise((resolve) => setTimeout(resolve, proxy.delayMs))
        .then(() => fetch(`${target.origin}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) }))
        .then(async (r) => {
          const text = await r.text();
          const out: Record<string, string> = {};
          r.headers.forEach((v, k) => { if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection' && k !== 'keep-alive') out[k] = v; });
          res.writeHead(r.status, out);
          res.end(text);
          proxy.answered.set(key, (proxy.answered.get(key) ?? 0) + 1);
        })
        .catch((err: unknown) => {
          res.writeHead(502);
          res.end(String(err));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  proxy.url = `http://127.0.0.1:${port}${target.pathname}`;
  proxy.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return proxy;
}

/** Requests as the target saw them: `METHOD path` and the parsed body. */
export interface Seen {
  method: string;
  path: string;
  body?: unknown;
  status?: number;
}
export function recordingClient(url: string): { client: ScimClient; seen: Seen[] } {
  const seen: Seen[] = [];
  const client = createScimClient({
    baseUrl: url, token: staticToken(TOKEN), secrets: [TOKEN], dispatcher: createAgent({ connections: 16 }), timeoutMs: 10_000,
    onExchange: (ex) => {
      const u = new URL(ex.request.url);
      seen.push({ method: ex.request.method, path: `${u.pathname.replace(/^\/scim\/v2/, '')}${u.search}`, ...(ex.request.body !== undefined ? { body: ex.request.body } : {}), ...(ex.response ? { status: ex.response.status } : {}) });
    },
  });
  return { client, seen };
}
