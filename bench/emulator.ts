/**
 * Figures 2, 3 and 6: the emulator's initial cycles against the reference app (in memory) next to autocannon's
 * raw POST /Users rate on the same server and connections, measured right before and right after the cycle;
 * the emulator's own work in incremental cycles; and two partitions in parallel against one.
 * The emulator always runs in a child process (bench/idp-child.ts), so its RSS and CPU time are its own.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measured, notMeasured, ratio, type Figure } from './figures.js';
import type { IncrementalAnswer, PrepareAnswer, SyncAnswer, ChildTask } from './idp-child.js';
import { load, userBody, type LoadResult } from './load.js';
import { lastJson, runToEnd, serveReferenceApp, tsxArgs, type Server } from './proc.js';

export interface EmulatorSizes {
  /** Directory sizes of the initial cycles; the largest one also gets the incremental rounds. */
  users: number[];
  groups: number;
  /** Users of the partition comparison (smaller: it runs two initial cycles). */
  partitionUsers: number;
  /** Objects in flight (the emulator's --concurrency) = autocannon connections. */
  concurrency: number;
  loadSeconds: number;
}

const THROUGHPUT_GOAL = { op: '>=', limit: 0.7 } as const;
const RSS_GOAL = { op: '<', limit: 400 } as const;
const ONE_CHANGE_GOAL = { op: '<', limit: 50 } as const;

async function child<T>(task: ChildTask): Promise<T> {
  return lastJson<T>((await runToEnd(tsxArgs('./idp-child.ts', JSON.stringify(task)))).lines);
}

let postSeq = 0;
/** autocannon POST /Users with unique userNames, `connections` at a time. */
export async function rawPost(app: Server, connections: number, seconds: number): Promise<LoadResult> {
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  return load({ url: `${app.url}/Users`, connections, seconds, token: app.token, method: 'POST', next: () => ({ body: userBody(`raw-${tag}-${postSeq++}@bench.example`) }) });
}

const kUsers = (n: number): string => (n % 1000 === 0 ? `${n / 1000}k` : String(n));

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function cycleDetails(a: Omit<SyncAnswer, 'maxRssMB' | 'startedAt' | 'endedAt'>): Record<string, unknown> {
  const s = a.summary;
  return {
    durationMs: s.durationMs,
    requests: s.requests,
    created: s.created,
    updated: s.updated,
    references: s.references,
    failed: s.failed,
    emulatorMs: s.emulatorMs,
    cpuMs: Math.round(a.cpuMs),
    phasesMs: Object.fromEntries(Object.entries(a.phasesMs).map(([k, v]) => [k, Math.round(v)])),
  };
}

type Round = IncrementalAnswer['rounds'][number];

/** One directory size: prepare, raw POST, initial cycle, raw POST again; then incremental rounds on it. */
async function initialCycle(log: (s: string) => void, users: number, o: EmulatorSizes, work: string, rounds: number[]): Promise<{ figures: Figure[]; rounds: Round[] }> {
  const state = join(work, `idp-${users}.sqlite`);
  const file = join(work, `directory-${users}.json`);
  log(`emulator: generating ${users} users and ${o.groups} groups`);
  const prep = await child<PrepareAnswer>({ op: 'prepare', users, groups: o.groups, seed: 1, state, file });
  const app = await serveReferenceApp();
  try {
    log(`emulator: raw POST /Users for ${o.loadSeconds} s`);
    const before = await rawPost(app, o.concurrency, o.loadSeconds);
    log(`emulator: initial cycle of ${users} users`);
    const sync = await child<SyncAnswer>({ op: 'sync', state, url: app.url, token: app.token, concurrency: o.concurrency });
    log(`emulator: raw POST /Users for ${o.loadSeconds} s`);
    const after = await rawPost(app, o.concurrency, o.loadSeconds);
    const raw = (before.rps + after.rps) / 2;
    const s = sync.summary;
    const seconds = s.durationMs / 1000;
    const usersPerSec = users / seconds;
    const details: Record<string, unknown> = {
      usersPerSec: round1(usersPerSec),
      rawPostRps: { before: round1(before.rps), after: round1(after.rps), non2xx: before.non2xx + after.non2xx },
      // Entra's protocol costs more than one request per user (match GET, POST, manager PATCH, member PATCHes):
      // the request rate shows how close the emulator drives the endpoint to its raw rate.
      requestsPerSec: round1(s.requests / seconds),
      requestRateVsRawPost: Number(ratio(s.requests / seconds, raw).toFixed(2)),
      usersPhaseUsersPerSec: sync.phasesMs.users ? round1(users / (sync.phasesMs.users / 1000)) : null,
      cycle: cycleDetails(sync),
      concurrency: o.concurrency,
      prepare: { generateMs: Math.round(prep.generateMs), importMs: Math.round(prep.importMs) },
      maxRssMB: round1(sync.maxRssMB),
    };
    if (s.failed > 0 || s.aborted) details.warning = `the cycle failed ${s.failed} operation(s)${s.aborted ? ` and aborted: ${s.aborted}` : ''}`;
    const figures = [
      measured(`emulator-initial-${kUsers(users)}-vs-raw-post`, ratio(usersPerSec, raw), 'ratio', THROUGHPUT_GOAL, details),
      measured(`emulator-peak-rss-${kUsers(users)}`, sync.maxRssMB, 'MB', users >= 100_000 ? RSS_GOAL : null, { users, groups: o.groups }),
    ];
    if (rounds.length === 0) return { figures, rounds: [] };
    log(`emulator: incremental cycles with ${rounds.join(', ')} change(s) in ${users} users`);
    const inc = await child<IncrementalAnswer>({ op: 'incremental', state, file, url: app.url, token: app.token, concurrency: o.concurrency, rounds });
    return { figures, rounds: inc.rounds };
  } finally {
    await app.stop();
  }
}

function roundDetails(r: Round): Record<string, unknown> {
  return { changes: r.changes, importMs: Math.round(r.importMs), ...cycleDetails(r) };
}

/**
 * Incremental figures from the rounds [1, 1, 100, 10000] on the largest directory and [1, 1] on the smallest:
 * the first 1-change round pays the process's cold start (JIT, prepared statements, first connection), so the
 * second one is the figure and the first is in its details.
 */
function incrementalFigures(big: { users: number; rounds: Round[] }, small: { users: number; rounds: Round[] } | undefined): Figure[] {
  const [cold, warm, hundred, many] = big.rounds;
  if (!cold || !warm) return [notMeasured('incremental-1-change', 'ms', ONE_CHANGE_GOAL, 'no incremental rounds ran')];
  const figures = [
    // The brief's measure: cycle wall time minus the time inside HTTP requests (one object in flight).
    measured('incremental-1-change', warm.summary.emulatorMs, 'ms', ONE_CHANGE_GOAL, { directoryUsers: big.users, warm: roundDetails(warm), cold: roundDetails(cold) }),
    // CPU time of the emulator process in the cycle: the same work, immune to waiting for a busy CPU.
    measured('incremental-1-change-cpu', warm.cpuMs, 'ms', ONE_CHANGE_GOAL, { directoryUsers: big.users, coldCpuMs: Math.round(cold.cpuMs) }),
  ];
  if (hundred && many) {
    const perChange = (r: Round): number => r.cpuMs / r.changes;
    figures.push(measured(`incremental-per-change-cpu-${many.changes}-vs-${hundred.changes}`, ratio(perChange(many), perChange(hundred)), 'ratio', { op: '<=', limit: 1.5 }, {
      note: 'CPU ms per change at the larger count / at the smaller: 1 = linear in the changes',
      [`changes${hundred.changes}`]: roundDetails(hundred),
      [`changes${many.changes}`]: roundDetails(many),
    }));
  }
  const smallWarm = small?.rounds[1];
  if (small && smallWarm) {
    figures.push(measured(`incremental-1-change-cpu-${kUsers(big.users)}-vs-${kUsers(small.users)}-directory`, ratio(warm.cpuMs, smallWarm.cpuMs), 'ratio', { op: '<=', limit: 2 }, {
      note: `a ${big.users / small.users}× larger directory must not make one change (much) dearer`,
      big: roundDetails(warm),
      small: roundDetails(smallWarm),
    }));
  }
  return figures;
}

export async function emulatorFigures(log: (s: string) => void, o: EmulatorSizes): Promise<Figure[]> {
  const work = mkdtempSync(join(tmpdir(), 'scim-conform-bench-idp-'));
  try {
    const sizes = [...o.users].sort((a, b) => a - b);
    const largest = sizes[sizes.length - 1] as number;
    const figures: Figure[] = [];
    const runs: Array<{ users: number; rounds: Round[] }> = [];
    for (const users of sizes) {
      const rounds = users === largest ? [1, 1, 100, Math.min(10_000, users)] : [1, 1];
      const r = await initialCycle(log, users, o, work, rounds);
      figures.push(...r.figures);
      runs.push({ users, rounds: r.rounds });
    }
    const big = runs[runs.length - 1] as (typeof runs)[number];
    figures.push(...incrementalFigures(big, runs.length > 1 ? runs[0] : undefined));
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Two disjoint partitions (`--partition 1/2` and `2/2`, two processes sharing one state file, as `idp sync
 * --partition` does) against one job doing everything, each on a fresh reference app. The partitions skip
 * manager and member references whose other end the other partition has not linked yet (they follow in the
 * next cycle), so the figure compares request rates; the wall-time ratio is in the details.
 */
export async function partitionFigures(log: (s: string) => void, o: EmulatorSizes): Promise<Figure[]> {
  const work = mkdtempSync(join(tmpdir(), 'scim-conform-bench-partitions-'));
  try {
    return await partitions(log, o, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function partitions(log: (s: string) => void, o: EmulatorSizes, work: string): Promise<Figure[]> {
  const users = o.partitionUsers;
  const one = join(work, `partition-one-${users}.sqlite`);
  const two = join(work, `partition-two-${users}.sqlite`);
  log(`partitions: generating ${users} users`);
  await child<PrepareAnswer>({ op: 'prepare', users, groups: 0, seed: 2, state: one });
  copyFileSync(one, two);
  const first = await serveReferenceApp();
  log(`partitions: one job, ${users} users`);
  const single = await child<SyncAnswer>({ op: 'sync', state: one, url: first.url, token: first.token, concurrency: o.concurrency }).finally(() => first.stop());
  const second = await serveReferenceApp();
  log(`partitions: two jobs in parallel, ${users} users`);
  const sync = (index: number): Promise<SyncAnswer> => child<SyncAnswer>({ op: 'sync', state: two, url: second.url, token: second.token, concurrency: o.concurrency, partition: { index, count: 2 } });
  const parts = await Promise.all([sync(1), sync(2)]).finally(() => second.stop());
  const wallOne = single.endedAt - single.startedAt;
  const wallTwo = Math.max(...parts.map((p) => p.endedAt)) - Math.min(...parts.map((p) => p.startedAt));
  const reqTwo = parts.reduce((n, p) => n + p.summary.requests, 0);
  const rateOne = single.summary.requests / wallOne;
  const rateTwo = reqTwo / wallTwo;
  return [measured('partitions-2-vs-1-request-rate', ratio(rateTwo, rateOne), 'ratio', { op: '>', limit: 1 }, {
    users,
    wallRatio: Number(ratio(wallOne, wallTwo).toFixed(2)),
    one: { wallMs: wallOne, requests: single.summary.requests, created: single.summary.created, references: single.summary.references, cpuMs: Math.round(single.cpuMs) },
    two: parts.map((p) => ({ wallMs: p.endedAt - p.startedAt, requests: p.summary.requests, created: p.summary.created, references: p.summary.references, cpuMs: Math.round(p.cpuMs) })),
  })];
}
