/**
 * Figures 1 and 5: what the Playwright harness costs over the floor any Playwright-based harness pays (an empty
 * Playwright run with the same configuration and workers, bench/floor/) plus the bare HTTP work it does (the same
 * run's exchanges replayed with undici against a fresh reference app), and how the suite's wall time moves with
 * the workers.
 */
import { measured, ratio, type Figure } from './figures.js';
import { serveReferenceApp } from './proc.js';
import { replay, replayPlan } from './replay.js';
import { runFloor, runSuite, type SuiteRun } from './suite.js';

const WHOLE_GOAL = { op: '<=', limit: 1.3 } as const;
const PER_CHECK_GOAL = { op: '<=', limit: 1.2 } as const;

function summary(r: SuiteRun): Record<string, unknown> {
  return { wallMs: Math.round(r.wallMs), exitCode: r.exitCode, checks: r.checks, exchanges: r.exchanges, sumCheckMs: r.sumCheckMs, phases: r.phases };
}

/** Runs the suite with `workers` (the default 2) and replays its exchanges in as many lanes. */
export async function harnessFigures(log: (s: string) => void, workers = 2): Promise<{ figures: Figure[]; run: SuiteRun }> {
  log(`harness: suite run with ${workers} workers`);
  const run = await runSuite(workers);
  const plan = replayPlan(run.report.checks, run.tenantUrl);
  log(`harness: replaying ${plan.checks.reduce((n, c) => n + c.requests.length, 0)} exchanges with undici`);
  const app = await serveReferenceApp();
  const rep = await replay(plan, app.url, app.token, workers).finally(() => app.stop());
  log(`harness: the floor, an empty Playwright run of ${run.checks} tests with ${workers} workers`);
  const floorMs = await runFloor(workers, run.checks);
  const replayCheckSum = Object.values(rep.checkMs).reduce((a, b) => a + b, 0);
  const p = run.phases;
  const details = {
    suite: summary(run),
    floor: { wallMs: Math.round(floorMs), tests: run.checks, workers },
    replay: { wallMs: Math.round(rep.wallMs), requests: rep.requests, lanes: workers, statuses: rep.statuses, sumCheckMs: Math.round(replayCheckSum), skippedExchanges: plan.skipped },
    // Where the suite's wall time goes beyond the checks themselves.
    breakdownMs: {
      cliStartup: p.cliReadyMs,
      playwrightLoadAndCollect: p.collectedMs !== undefined && p.cliReadyMs !== undefined ? p.collectedMs - p.cliReadyMs : undefined,
      workerSpawnToFirstCheck: p.firstCheckMs !== undefined && p.collectedMs !== undefined ? p.firstCheckMs - p.collectedMs : undefined,
      checksWindow: p.firstCheckMs !== undefined && p.lastCheckEndMs !== undefined ? p.lastCheckEndMs - p.firstCheckMs : undefined,
      reportsAndExit: p.lastCheckEndMs !== undefined ? p.exitMs - p.lastCheckEndMs : undefined,
    },
    sumExchangeMs: run.sumExchangeMs,
  };
  return {
    run,
    figures: [
      measured('harness-overhead-vs-floor', ratio(run.wallMs, floorMs + rep.wallMs), 'ratio', WHOLE_GOAL, details),
      measured('harness-overhead-per-check', ratio(run.sumCheckMs, replayCheckSum), 'ratio', PER_CHECK_GOAL, {
        sumCheckMs: run.sumCheckMs,
        replaySumCheckMs: Math.round(replayCheckSum),
        // The harness's own client timed its requests too: the part of the per-check time spent in HTTP.
        sumExchangeMs: run.sumExchangeMs,
        exchangeShareOfCheckTime: run.sumCheckMs > 0 ? Number((run.sumExchangeMs / run.sumCheckMs).toFixed(2)) : null,
      }),
    ],
  };
}

/**
 * Wall time against the local reference app with each worker count, back to back, the run of the harness figure
 * (made with `done.workers`) standing for its own count; speed-ups against 1 worker.
 */
export async function workerFigures(log: (s: string) => void, done: SuiteRun, counts: readonly number[]): Promise<Figure[]> {
  const runs = new Map<number, SuiteRun>([[done.workers, done]]);
  for (const n of counts) {
    if (runs.has(n)) continue;
    log(`workers: suite run with ${n} worker(s)`);
    runs.set(n, await runSuite(n));
  }
  const one = runs.get(1);
  const figures: Figure[] = [];
  for (const n of [...counts].sort((a, b) => a - b)) {
    const r = runs.get(n) as SuiteRun;
    figures.push(measured(`suite-wall-${n}-worker${n === 1 ? '' : 's'}`, r.wallMs / 1000, 's', null, summary(r)));
  }
  if (one) {
    for (const n of counts) {
      if (n === 1) continue;
      figures.push(measured(`suite-speedup-${n}-vs-1-workers`, ratio(one.wallMs, (runs.get(n) as SuiteRun).wallMs), 'ratio', null, { note: `wall(1 worker) / wall(${n} workers)` }));
    }
  }
  return figures;
}
