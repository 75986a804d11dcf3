/**
 * The floor for the harness figure: the exchanges a run recorded in compliance.json, sent again with bare undici
 * and nothing else (no Playwright, no fixtures, no schema checks, no recording), plus the DELETEs the checks'
 * cleanup ledger sent. Ids the target assigned in the run are mapped to the ids it assigns in the replay, so
 * every PATCH/GET/DELETE hits a real resource again.
 */
import { Agent, request, type Dispatcher } from 'undici';
import type { Exchange } from '../core/evidence.js';

export interface ReplayRequest {
  method: string;
  /** Path and query below the tenant URL, with the run's ids. */
  path: string;
  headers: Record<string, string>;
  /** The recorded Authorization header was there (redacted): the replay sends the real token. */
  auth: boolean;
  body?: string;
  /** The recorded answer's body, to learn which ids the target assigned. */
  recordedBody?: unknown;
}

export interface ReplayCheck {
  id: string;
  requests: ReplayRequest[];
  /**
   * What the check's cleanup ledger deletes afterwards (its DELETEs go through another client, so they are not
   * in the check's exchanges): resources it created and did not delete itself, newest first, as run paths.
   */
  cleanup: string[];
}

export interface ReplayPlan {
  checks: ReplayCheck[];
  /** Exchanges left out: no response in the run, or sent somewhere other than the tenant URL. */
  skipped: number;
}

/** Headers undici computes itself, and the credential that is re-added from the real token. */
const DROP = new Set(['authorization', 'content-length', 'host', 'connection', 'transfer-encoding']);

/** compliance.json checks → what to send again. `tenantUrl` is the run's target URL (report.target.url). */
export function replayPlan(checks: ReadonlyArray<{ id: string; dialect?: string; exchanges: Exchange[] }>, tenantUrl: string): ReplayPlan {
  const base = tenantUrl.replace(/\/+$/, '');
  let skipped = 0;
  const out: ReplayCheck[] = [];
  for (const c of checks) {
    const requests: ReplayRequest[] = [];
    for (const ex of [...c.exchanges].sort((a, b) => a.seq - b.seq)) {
      const url = ex.request.url;
      if (!ex.response || !(url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`))) {
        skipped++;
        continue;
      }
      const headers: Record<string, string> = {};
      let auth = false;
      for (const [k, v] of Object.entries(ex.request.headers)) {
        if (k.toLowerCase() === 'authorization') auth = true;
        if (!DROP.has(k.toLowerCase())) headers[k] = v;
      }
      const body = ex.request.body;
      requests.push({
        method: ex.request.method,
        path: url.slice(base.length),
        headers,
        auth,
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        ...(ex.response.body === undefined ? {} : { recordedBody: ex.response.body }),
      });
    }
    out.push({ id: c.dialect ? `${c.id}@${c.dialect}` : c.id, requests, cleanup: leftBehind(requests) });
  }
  return { checks: out, skipped };
}

/** `/Users/{id}` and `/Groups/{id}` created by a POST of the check and not deleted by it, newest first. */
function leftBehind(requests: readonly ReplayRequest[]): string[] {
  const created: string[] = [];
  const deleted = new Set<string>();
  for (const r of requests) {
    const collection = /^\/(Users|Groups)$/.exec(r.path)?.[1];
    const id = (r.recordedBody as { id?: unknown } | undefined)?.id;
    if (r.method === 'POST' && collection && typeof id === 'string') created.push(`/${collection}/${encodeURIComponent(id)}`);
    if (r.method === 'DELETE') deleted.add(r.path);
  }
  return created.filter((p) => !deleted.has(p)).reverse();
}

/** Every run id in `text` replaced by the replay's id for it. */
export function remapIds(text: string, ids: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [from, to] of ids) if (out.includes(from)) out = out.split(from).join(to);
  return out;
}

/** Pairs the ids of a recorded answer with those of the replayed one (a resource, or a ListResponse page). */
export function learnIds(recorded: unknown, replayed: unknown, into: Map<string, string>): void {
  const idOf = (x: unknown): string | undefined => {
    const id = (x as { id?: unknown } | null | undefined)?.id;
    return typeof id === 'string' && id.length >= 8 ? id : undefined;
  };
  const pair = (a: unknown, b: unknown): void => {
    const from = idOf(a);
    const to = idOf(b);
    if (from && to && from !== to) into.set(from, to);
  };
  if (!recorded || typeof recorded !== 'object' || !replayed || typeof replayed !== 'object') return;
  pair(recorded, replayed);
  const ra = (recorded as { Resources?: unknown }).Resources;
  const rb = (replayed as { Resources?: unknown }).Resources;
  if (Array.isArray(ra) && Array.isArray(rb)) ra.forEach((r, i) => pair(r, rb[i]));
}

export interface ReplayResult {
  wallMs: number;
  /** Per check: time from its first request to the end of its last answer. */
  checkMs: Record<string, number>;
  requests: number;
  statuses: Record<string, number>;
}

/** Sends the plan to `tenantUrl` in `lanes` parallel lanes (one check at a time per lane, like a worker). */
export async function replay(plan: ReplayPlan, tenantUrl: string, token: string, lanes: number): Promise<ReplayResult> {
  const base = tenantUrl.replace(/\/+$/, '');
  const dispatcher = new Agent({ connections: 16, keepAliveTimeout: 10_000 });
  const ids = new Map<string, string>();
  const checkMs: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  let requests = 0;
  const queue = [...plan.checks];
  const lane = async (): Promise<void> => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const t0 = performance.now();
      for (const r of c.requests) {
        const headers = { ...r.headers, ...(r.auth ? { authorization: `Bearer ${token}` } : {}) };
        const res = await request(`${base}${remapIds(r.path, ids)}`, {
          method: r.method as Dispatcher.HttpMethod,
          headers,
          ...(r.body === undefined ? {} : { body: remapIds(r.body, ids) }),
          dispatcher,
        });
        const text = await res.body.text();
        requests++;
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (r.recordedBody !== undefined && text) {
          try {
            learnIds(r.recordedBody, JSON.parse(text), ids);
          } catch {
            // not JSON: nothing to learn
          }
        }
      }
      for (const path of c.cleanup) {
        const res = await request(`${base}${remapIds(path, ids)}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` }, dispatcher });
        await res.body.dump();
        requests++;
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      }
      checkMs[c.id] = performance.now() - t0;
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
  } finally {
    await dispatcher.close();
  }
  return { wallMs: performance.now() - started, checkMs, requests, statuses };
}
