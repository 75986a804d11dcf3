/**
 * One run of the real CLI (`scim-conform run --url … --skip RATE-25RPS`) against a reference app we started, so
 * the token is ours and the store is fresh, optionally behind the delaying proxy. Besides the wall time it splits
 * the run into phases from the CLI's own lines and the first/last check times Allure recorded. Also the floor: an
 * empty Playwright run with the suite's configuration (bench/floor/).
 */
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComplianceReport } from '../reports/model.js';
import { startDelayProxy } from './latency.js';
import { CLI, runToEnd, serveReferenceApp, type TimedLine } from './proc.js';

export interface SuiteRun {
  workers: number;
  wallMs: number;
  exitCode: number;
  checks: number;
  report: ComplianceReport;
  /** Where the run's time went, in ms from the spawn of the CLI. */
  phases: {
    /** Node + tsx + yargs, until the CLI printed which target it tests. */
    cliReadyMs?: number;
    /** Playwright loaded its config and collected the spec files (its reporter's first line). */
    collectedMs?: number;
    /** The first check started (worker spawned, spec transformed, fixtures set up). */
    firstCheckMs?: number;
    lastCheckEndMs?: number;
    /** Reports written, Playwright and the CLI exited. */
    exitMs: number;
  };
  /** Sum over checks of their durationMs (what the checks themselves took). */
  sumCheckMs: number;
  /** Sum over recorded exchanges of their ms (time inside HTTP requests, as the harness's client saw it). */
  sumExchangeMs: number;
  exchanges: number;
  tenantUrl: string;
  /** Behind the delaying proxy: the ms it added per request, and when the first request reached it (ms from the spawn). */
  delayMs?: number;
  firstRequestMs?: number;
}

const EPOCH_OFFSET = performance.timeOrigin;

function firstAt(lines: readonly TimedLine[], re: RegExp): number | undefined {
  return lines.find((l) => re.test(l.text))?.at;
}

/** Earliest start and latest stop of the checks (epoch ms), from allure-playwright's result files. */
function checkWindow(outDir: string): { start: number; stop: number } | undefined {
  const dir = join(outDir, 'allure-results');
  let start = Infinity;
  let stop = -Infinity;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('-result.json')) continue;
    const r = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { start?: number; stop?: number };
    if (typeof r.start === 'number') start = Math.min(start, r.start);
    if (typeof r.stop === 'number') stop = Math.max(stop, r.stop);
  }
  return Number.isFinite(start) && Number.isFinite(stop) ? { start, stop } : undefined;
}

/**
 * Starts a fresh reference app, runs the suite against it with `workers` workers, stops the app. With `delayMs`
 * the run reaches the app through the delaying proxy (bench/latency.ts), which also times the first request.
 */
export async function runSuite(workers: number, o: { delayMs?: number; select?: string[] } = {}): Promise<SuiteRun> {
  const app = await serveReferenceApp();
  const proxy = o.delayMs === undefined ? undefined : await startDelayProxy(app.url, o.delayMs);
  const tenantUrl = proxy?.url ?? app.url;
  const out = mkdtempSync(join(tmpdir(), 'scim-conform-bench-'));
  try {
    const env = { ...process.env, SCIM_TOKEN: app.token, CI: 'true' };
    const select = o.select ?? ['--skip', 'RATE-25RPS'];
    const r = await runToEnd([CLI, 'run', '--url', tenantUrl, ...select, '--workers', String(workers), '--out', out], { env, okCodes: [0, 1] });
    const first = proxy?.firstRequestAt();
    const report = JSON.parse(readFileSync(join(out, 'compliance.json'), 'utf8')) as ComplianceReport;
    const rel = (t: number | undefined): number | undefined => (t === undefined ? undefined : Math.round(t - r.startedAt));
    const window = checkWindow(out);
    let sumCheckMs = 0;
    let sumExchangeMs = 0;
    let exchanges = 0;
    for (const c of report.checks) {
      sumCheckMs += c.durationMs;
      for (const e of c.exchanges) {
        sumExchangeMs += e.ms;
        exchanges++;
      }
    }
    return {
      workers,
      wallMs: r.endedAt - r.startedAt,
      exitCode: r.code,
      checks: report.checks.length,
      report,
      phases: {
        cliReadyMs: rel(firstAt(r.lines, /^Testing /)),
        collectedMs: rel(firstAt(r.lines, /running \d+ checks/)),
        ...(window ? { firstCheckMs: Math.round(window.start - EPOCH_OFFSET - r.startedAt), lastCheckEndMs: Math.round(window.stop - EPOCH_OFFSET - r.startedAt) } : {}),
        exitMs: Math.round(r.endedAt - r.startedAt),
      },
      sumCheckMs,
      sumExchangeMs,
      exchanges,
      tenantUrl,
      ...(o.delayMs === undefined ? {} : { delayMs: o.delayMs }),
      ...(first === undefined ? {} : { firstRequestMs: first - r.startedAt }),
    };
  } finally {
    await proxy?.close();
    await app.stop();
    rmSync(out, { recursive: true, force: true });
  }
}

const FLOOR_CONFIG = fileURLToPath(new URL('./floor/playwright.config.ts', import.meta.url));

/** Wall time (spawn to exit) of an empty Playwright run: the suite's configuration, `tests` empty tests, `workers`. */
export async function runFloor(workers: number, tests: number): Promise<number> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const env = { ...process.env, CI: 'true', SCIM_CONFORM_FLOOR_TESTS: String(tests) };
  const r = await runToEnd([cli, 'test', '-c', FLOOR_CONFIG, '--workers', String(workers)], { env });
  return r.endedAt - r.startedAt;
}
