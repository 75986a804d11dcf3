/**
 * A trace as steps to replay. A step is one logical request: its recorded attempts, the last of which is the answer
 * it is judged against. How recorded failures are treated:
 * - a 429, a 5xx or no answer that the IdP sent again later (same method, path and body) is an attempt of that
 *   later request: it is shown in the evidence and not sent on its own (sending it would create twice);
 * - one never sent again is sent, and the new answer reported for information: a failure of the recorded server
 *   is not behaviour to reproduce, so it is never judged.
 * The plan also knows which ids the recorded server assigned (bound at replay) and which ids the recording only
 * ever saw (resources that existed before it, which a replay does not have and never touches).
 */
import { rewriteJson, rewritePath, type Lookup } from './rewrite.js';
import { idFromLocation, resourceOf, type ResourceType } from './scim-path.js';
import type { TraceExchange } from './trace.js';

export interface Step {
  /** Sequence number of the attempt it is judged against (the last). */
  seq: number;
  /** Recorded attempts, oldest first; the last one is the reference. */
  attempts: TraceExchange[];
  final: TraceExchange;
  /** The recorded answer was a 429, a 5xx or none, and the IdP never sent the request again. */
  recordedFailure: boolean;
}

export interface Created {
  type: ResourceType;
  /** The step whose answer assigned the id. */
  seq: number;
}

export interface Plan {
  steps: Step[];
  /** Recorded id → the create that assigned it. */
  created: Map<string, Created>;
  /** Every id the recording shows: path segments, `id`s of answered resources. */
  seen: Set<string>;
}

/** Keys whose string values may name a resource by id (member values, manager, …). */
export const ID_KEYS: ReadonlySet<string> = new Set(['value', 'id', 'manager']);

function isFailure(x: TraceExchange): boolean {
  return !x.response || x.response.status === 429 || x.response.status >= 500;
}

function signature(x: TraceExchange): string {
  return `${x.request.method} ${x.request.path} ${JSON.stringify(x.request.body ?? null)}`;
}

/** The id a create's answer assigned: the body's `id`, else the Location header's last segment. */
export function createdId(x: TraceExchange): string | undefined {
  const body = x.response?.body as { id?: unknown } | undefined;
  if (typeof body?.id === 'string' && body.id !== '') return body.id;
  return idFromLocation(x.response?.headers.location);
}

/** Ids of the resources an answer carries (a resource, or a list's Resources). */
export function idsInAnswer(body: unknown): string[] {
  if (body === null || typeof body !== 'object') return [];
  const b = body as Record<string, unknown>;
  const list = Object.entries(b).find(([k]) => k.toLowerCase() === 'resources')?.[1];
  const resources = Array.isArray(list) ? list : [b];
  return resources.flatMap((r) => {
    const id = (r as { id?: unknown } | null)?.id;
    return typeof id === 'string' && id !== '' ? [id] : [];
  });
}

export function planOf(exchanges: readonly TraceExchange[]): Plan {
  const steps: Step[] = [];
  const pending = new Map<string, TraceExchange[]>();
  for (const x of exchanges) {
    const sig = signature(x);
    if (isFailure(x)) {
      pending.set(sig, [...(pending.get(sig) ?? []), x]);
      continue;
    }
    const attempts = [...(pending.get(sig) ?? []), x];
    pending.delete(sig);
    steps.push({ seq: x.seq, attempts, final: x, recordedFailure: false });
  }
  for (const attempts of pending.values()) {
    const final = attempts[attempts.length - 1] as TraceExchange;
    steps.push({ seq: final.seq, attempts, final, recordedFailure: true });
  }
  steps.sort((a, b) => a.seq - b.seq);

  const created = new Map<string, Created>();
  const seen = new Set<string>();
  for (const s of steps) {
    const x = s.final;
    const target = resourceOf(x.request.path);
    if (target?.id) seen.add(target.id);
    for (const id of idsInAnswer(x.response?.body)) seen.add(id);
    const status = x.response?.status ?? 0;
    if (x.request.method === 'POST' && target && !target.id && status >= 200 && status < 300) {
      const id = createdId(x);
      if (id !== undefined) {
        created.set(id, { type: target.type, seq: s.seq });
        seen.add(id);
      }
    }
  }
  return { steps, created, seen };
}

/** The recorded ids a request names: its path, filter literals, member values, manager references. */
export function idsReferenced(x: TraceExchange, known: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const collect: Lookup = (v) => {
    if (known.has(v)) found.add(v);
    return undefined;
  };
  rewritePath(x.request.path, { ids: collect, literals: collect });
  if (x.request.body !== undefined) rewriteJson(x.request.body, collect, { keys: ID_KEYS });
  return found;
}
