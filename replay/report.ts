/**
 * A replay's records as the same report `run` writes: reports/build-report with the replay catalogue only (so the
 * verdict is not "incomplete" for want of Entra's requirements, and REPLAY-RETRY only when faults were injected),
 * every format of reports/write-reports, and allure-results written from the report (reports/allure-results).
 * Allure comes from the report rather than from Playwright tests declared on the fly: a replay has no test body
 * Playwright could add anything to, and its start-up would cost more than the replay itself.
 */
import { join } from 'node:path';
import type { CheckRecord } from '../core/evidence.js';
import { REPLAY_REQUIREMENTS } from '../core/requirements.js';
import { writeAllureResults } from '../reports/allure-results.js';
import { buildReport } from '../reports/build-report.js';
import type { ComplianceReport } from '../reports/model.js';
import { writeReports, type WriteOptions } from '../reports/write-reports.js';

export interface ReplayReportContext {
  tool: { name: string; version: string };
  url: string;
  startedAt: string;
  durationMs: number;
  /** Faults were injected: REPLAY-RETRY is judged. */
  faults: boolean;
  insecure: boolean;
  notices: string[];
}

export const ALLURE_RESULTS = 'allure-results';

export function replayReport(records: readonly CheckRecord[], ctx: ReplayReportContext): ComplianceReport {
  const report = buildReport(records, {
    tool: ctx.tool,
    target: { url: ctx.url, embedded: false },
    startedAt: ctx.startedAt,
    durationMs: ctx.durationMs,
    notices: ctx.notices,
    options: { insecure: ctx.insecure },
    catalogue: REPLAY_REQUIREMENTS.filter((r) => ctx.faults || r.id !== 'REPLAY-RETRY'),
  });
  // Microsoft's gallery checklist says nothing about a replay: every item would read "unproven".
  const { gallery: _gallery, ...rest } = report;
  return rest;
}

/** Every format into `outDir`; returns the paths written (allure-results as its folder). */
export function writeReplayReports(report: ComplianceReport, outDir: string, opts: WriteOptions = {}): string[] {
  const written = writeReports(report, outDir, opts);
  const allure = join(outDir, ALLURE_RESULTS);
  writeAllureResults(report, allure);
  return [...written, allure];
}
