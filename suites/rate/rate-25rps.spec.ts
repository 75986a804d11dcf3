/**
 * RATE-25RPS (gallery checklist, docs/entra-behaviour.md §4.9, §5.5: "at least 25 requests per second per tenant"): 10 s of
 * Entra's request mix on a fixed 40 ms schedule — filter GETs, PATCHes of users this check created, POSTs of new
 * run-prefixed users (cleaned up by the ledger) — with at most 16 requests unanswered at a time (the size of the
 * client's connection pool; Entra's own concurrency is not documented).
 *
 * An endpoint that keeps up never holds the schedule back: 250 answers in 10 s. One that cannot leaves 16
 * requests unanswered, the next request waits for a free slot, and the schedule slips; the achieved rate is the
 * answers (not 5xx, not 429) divided by the 10 s plus that slip. Measured this way, a busy test machine whose
 * timers fire late does not count against the endpoint.
 *
 * The 250 exchanges go through a fork of the recorded client and are summarised (every attempt counted, so a
 * 429 that a retry hid still counts); the record keeps the setup exchanges and the first few bad exchanges.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ScimRequest } from '../../core/client/request.js';
import { ConformanceFailure } from '../../core/errors.js';
import type { Exchange } from '../../core/evidence.js';
import { check } from '../_harness/index.js';
import { recordMeasurement } from '../_harness/measurement.js';

const RATE = 25;
const SECONDS = 10;
const TOTAL = RATE * SECONDS;
const INTERVAL_MS = 1000 / RATE;
/** Unanswered requests allowed at once: the connection pool of core/client createAgent(). */
const MAX_IN_FLIGHT = 16;
/** Users the PATCHes go to. */
const TARGETS = 5;
/** Entra's incremental-cycle mix per 10 requests: 6 filter GETs (matching), 3 PATCHes (updates), 1 POST (create). */
const MIX = ['get', 'patch', 'get', 'post', 'get', 'patch', 'get', 'get', 'patch', 'get'] as const;
type Kind = (typeof MIX)[number];
const EXPECTED: Record<Kind, readonly number[]> = { get: [200], patch: [200, 204], post: [201] };
const SAMPLES = 5;

interface Outcome {
  kind: Kind;
  /** Absent when no answer came (timeout, reset). */
  status?: number;
  /** From send to final answer, retries included. */
  ms: number;
  doneAt: number;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

check({
  id: 'rate/entra-mix-25rps',
  title: 'Sends Entra\'s request mix at 25 requests per second for 10 seconds',
  requirements: ['RATE-25RPS'],
  counterparts: ['Gallery checklist: 25 requests per second per tenant'],
  timeoutMs: 90_000,
}, async (ctx) => {
  // The PATCHes of the mix replace an attribute Entra maps that the endpoint declares.
  const [updated] = ctx.attrs.pick([{ path: 'title' }, { path: 'displayName' }, { path: 'name.givenName' }], 'Entra\'s update traffic') as [{ path: string }];
  const targets = await Promise.all(Array.from({ length: TARGETS }, () => ctx.setup.user()));

  const attempts = { total: 0, tooMany: 0, serverErrors: 0, networkErrors: 0 };
  const samples: Exchange[] = [];
  const load = ctx.scim.fork((ex) => {
    attempts.total++;
    const status = ex.response?.status;
    if (status === 429) attempts.tooMany++;
    else if (status !== undefined && status >= 500) attempts.serverErrors++;
    else if (ex.error) attempts.networkErrors++;
    else return;
    if (samples.length < SAMPLES) samples.push(ex);
  });

  const requestFor = (kind: Kind, k: number): ScimRequest => {
    const target = targets[k % TARGETS];
    if (!target || kind === 'post') return ctx.entra.createUser(ctx.newUser());
    if (kind === 'patch') return ctx.entra.updateUser(target.id, [{ path: updated.path, value: ctx.data.word(), kind: 'replace' }]);
    return ctx.entra.findUser('userName', target.payload.userName);
  };

  const fire = async (kind: Kind, k: number): Promise<Outcome> => {
    const req = requestFor(kind, k);
    const started = performance.now();
    try {
      const res = await load.send(req);
      const id = (res.body as { id?: unknown } | undefined)?.id;
      if (kind === 'post' && res.status < 300 && typeof id === 'string') {
        ctx.ledger.track('User', id, (req.body as { userName: string }).userName);
      }
      return { kind, status: res.status, ms: performance.now() - started, doneAt: performance.now() };
    } catch {
      // a TargetError (timeout, reset): counted by the exchange callback above
      return { kind, ms: performance.now() - started, doneAt: performance.now() };
    }
  };

  const { t0, heldMs, results } = await ctx.step(`${TOTAL} requests at ${RATE}/s for ${SECONDS} s`, async () => {
    const start = performance.now();
    const pending = new Set<Promise<Outcome>>();
    const all: Array<Promise<Outcome>> = [];
    let held = 0;
    for (let k = 0; k < TOTAL; k++) {
      const wait = start + held + k * INTERVAL_MS - performance.now();
      if (wait > 0) await sleep(wait);
      if (pending.size >= MAX_IN_FLIGHT) {
        const blockedAt = performance.now();
        await Promise.race(pending);
        held += performance.now() - blockedAt;
      }
      const p = fire(MIX[k % MIX.length] ?? 'get', k);
      pending.add(p);
      void p.then(() => pending.delete(p));
      all.push(p);
    }
    return { t0: start, heldMs: held, results: await Promise.all(all) };
  });

  const answered = results.filter((r) => r.status !== undefined);
  const served = answered.filter((r) => r.status !== 429 && (r.status ?? 500) < 500);
  const otherErrors = served.filter((r) => !EXPECTED[r.kind].includes(r.status ?? 0));
  const latencies = answered.map((r) => r.ms).sort((a, b) => a - b);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const lastDone = Math.max(...results.map((r) => r.doneAt));
  const achieved = served.length / ((SECONDS * 1000 + heldMs) / 1000);
  const count = (kind: Kind): number => results.filter((r) => r.kind === kind).length;

  const summary = `${achieved.toFixed(1)} requests/s achieved (${TOTAL} sent: ${count('get')} filter GET, ${count('patch')} PATCH, `
    + `${count('post')} POST; schedule held back ${(heldMs / 1000).toFixed(2)} s; last answer after ${((lastDone - t0) / 1000).toFixed(2)} s); `
    + `latency p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms; `
    + `${attempts.serverErrors} × 5xx, ${attempts.tooMany} × 429, ${attempts.networkErrors} without answer (of ${attempts.total} attempts); `
    + `${otherErrors.length} other unexpected answers`;
  await recordMeasurement(ctx.testInfo, summary, {
    rate: RATE, seconds: SECONDS, maxInFlight: MAX_IN_FLIGHT, achieved, heldMs, p50Ms: p50, p99Ms: p99, attempts,
    otherErrors: otherErrors.map((r) => `${r.kind} → ${r.status}`),
  });

  const problems = [
    attempts.serverErrors ? `${attempts.serverErrors} answers were 5xx` : '',
    attempts.tooMany ? `${attempts.tooMany} answers were 429 Too Many Requests` : '',
    attempts.networkErrors ? `${attempts.networkErrors} attempts got no answer` : '',
    achieved < RATE ? `only ${achieved.toFixed(1)} requests/s were served` : '',
  ].filter(Boolean);
  if (problems.length) {
    // Keep the first bad exchanges as evidence, numbered after this check's own.
    let firstSample: number | undefined;
    for (const ex of samples) {
      const seq = ctx.scim.exchanges.length + 1;
      ctx.scim.exchanges.push({ ...ex, seq, step: `load sample: ${ex.step ?? `${ex.request.method} ${ex.request.url}`}` });
      firstSample ??= seq;
    }
    throw new ConformanceFailure(problems.length === 1 && achieved < RATE ? 'SCIM_VALUE' : 'SCIM_STATUS', `under load: ${problems.join('; ')}`, {
      expected: `${RATE} requests/s for ${SECONDS} s, no answer 5xx or 429`,
      actual: summary,
      ...(firstSample ? { exchange: firstSample } : {}),
    });
  }
});
