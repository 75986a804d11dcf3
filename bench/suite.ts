/**
 * One run of the real CLI (`scim-conform run --url … --skip RATE-25RPS`) against a reference app we started, so
 * the token is ours and the store is fresh. Besides the wall time it splits the run into phases from the CLI's
 * own lines and the first/last check times Allure recorded.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComplianceReport } from '../reports/model.js';
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

/** Starts a fresh reference app, runs the suite against it with `workers` workers, stops the app. */
export async function runSuite(workers: number): Promise<SuiteRun> {
  const app = await serveReferenceApp();
  const out = mkdtempSync(join(tmpdir(), 'scim-conform-bench-'));
  try {
    const env = { ...process.env, SCIM_TOKEN: app.token, CI: 'true' };
    const r = await runToEnd([CLI, 'run', '--url', app.url, '--skip', 'RATE-25RPS', '--workers', String(workers), '--out', out], { env, okCodes: [0, 1] });
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
      tenantUrl: app.url,
    };
  } finally {
    await app.stop();
    rmSync(out, { recursive: true, force: true });
  }
}
