/**
 * autocannon, run from the bench process against a server in another process: a fixed number of connections,
 * and a request generator when every request must differ (unique userNames for POST /Users).
 */
import autocannon from 'autocannon';
import { SCIM_CONTENT_TYPE } from '../core/urns.js';

export interface LoadResult {
  /** Completed requests per second over the run. */
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds (ignored when `amount` is set). */
  seconds?: number;
  amount?: number;
  token?: string;
  method?: 'GET' | 'POST';
  /** Called once per request: a path (with query) and, for POST, a body. */
  next?: () => { path?: string; body?: string };
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  const headers: Record<string, string> = { accept: SCIM_CONTENT_TYPE };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.method === 'POST') headers['content-type'] = SCIM_CONTENT_TYPE;
  const next = o.next;
  const r = await autocannon({
    url: o.url,
    connections: o.connections,
    ...(o.amount ? { amount: o.amount } : { duration: o.seconds ?? 5 }),
    method: o.method ?? 'GET',
    headers,
    timeout: 30,
    ...(next ? { requests: [{ setupRequest: (req) => ({ ...req, ...next() }) }] } : {}),
  });
  const total = Object.values(r.statusCodeStats).reduce((n, s) => n + s.count, 0);
  return {
    rps: total / r.duration,
    requests: total,
    non2xx: r.non2xx,
    errors: r.errors,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
  };
}

/**
 * A POST /Users body shaped like the emulator's creates (Entra's attribute set, docs/entra-behaviour.md §2.1.1), with a
 * userName no other request of this bench uses: the raw rate is for the same work per user, minus matching.
 */
export function userBody(userName: string): string {
  return JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    externalId: userName.split('@')[0],
    userName,
    active: true,
    addresses: [{ primary: true, type: 'work', country: 'SE', locality: 'Lake Brenden', postalCode: '16898', region: 'MA', streetAddress: '404 Poplar Close' }],
    displayName: `Bench ${userName}`,
    emails: [{ primary: true, type: 'work', value: userName }],
    meta: { resourceType: 'User' },
    name: { formatted: 'Dakota McDermott', familyName: 'McDermott', givenName: 'Dakota' },
    phoneNumbers: [{ primary: true, type: 'work', value: '(490) 929-4620' }, { type: 'mobile', value: '(781) 639-7505' }],
    preferredLanguage: 'sv-SE',
    title: 'Engineer',
    roles: [],
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Engineering', employeeNumber: '100001' },
  });
}
