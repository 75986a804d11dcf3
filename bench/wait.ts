/**
 * What users wait for beyond the harness figure: the start-up of `scim-conform run` (spawn to its first request
 * on the wire, against spawning a Node that does nothing), and the suite against an endpoint 50 ms away (the
 * delaying proxy), where the workers must overlap the waiting; one figure per worker count, to choose the default.
 */
import { longestChain } from './chain.js';
import { measured, median, ratio, type Figure } from './figures.js';
import { runToEnd } from './proc.js';
import { replayPlan } from './replay.js';
import { runFloor, runSuite, type SuiteRun } from './suite.js';

const LATENCY_GOAL = { op: '<=', limit: 1.5 } as const;
/** The check the start-up runs select: one request, so each round is short; the spec files are all loaded anyway. */
const STARTUP_SELECTION = ['--only', 'DISC-SPC'];

/** `rounds` × (node with nothing to do, `run --only DISC-SPC` to its first request), interleaved; medians. */
export async function startupFigures(log: (s: string) => void, rounds: number, workers: number): Promise<Figure[]> {
  const node: number[] = [];
  const run: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const bare = await runToEnd(['-e', '']);
    node.push(bare.endedAt - bare.startedAt);
    log(`start-up: round ${i + 1}/${rounds}`);
    const r = await runSuite(workers, { delayMs: 0, select: STARTUP_SELECTION });
    if (r.firstRequestMs === undefined) throw new Error('the start-up run sent no request');
    run.push(r.firstRequestMs);
  }
  const details = { nodeMs: node.map(Math.round), runToFirstRequestMs: run.map(Math.round), workers, selection: STARTUP_SELECTION.join(' ') };
  return [measured('startup-vs-bare-node', ratio(median(run), median(node)), 'ratio', null, details)];
}

/** The longest chain of dependent requests in any one check of the run, and which check it is. */
export function longestChainOf(run: SuiteRun): { chain: number; check: string } {
  const plan = replayPlan(run.report.checks, run.tenantUrl);
  let best = { chain: 0, check: '' };
  run.report.checks.forEach((c, i) => {
    const chain = longestChain(c.exchanges, plan.checks[i]?.cleanup.length ?? 0);
    if (chain > best.chain) best = { chain, check: c.id };
  });
  return best;
}

/**
 * The suite behind `delayMs` per request with each worker count: wall / (longest chain × delay + the floor with
 * as many workers). The goal is judged at `defaultWorkers`; the others are printed to choose it.
 */
export async function latencyFigures(log: (s: string) => void, delayMs: number, workerCounts: readonly number[], defaultWorkers: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const workers of workerCounts) {
    log(`latency: suite behind ${delayMs} ms per request, ${workers} workers`);
    const run = await runSuite(workers, { delayMs });
    const floorMs = await runFloor(workers, run.checks);
    const { chain, check } = longestChainOf(run);
    const bound = chain * delayMs + floorMs;
    const details = { wallMs: Math.round(run.wallMs), exitCode: run.exitCode, checks: run.checks, exchanges: run.exchanges, longestChain: chain, longestChainCheck: check, floorMs: Math.round(floorMs), delayMs, firstRequestMs: run.firstRequestMs === undefined ? null : Math.round(run.firstRequestMs), phases: run.phases };
    figures.push(measured(`suite-at-${delayMs}ms-latency-${workers}-workers`, ratio(run.wallMs, bound), 'ratio', workers === defaultWorkers ? LATENCY_GOAL : null, details));
  }
  return figures;
}
