/** compliance.json → the exit code and the few lines `run` prints at the end. */
import { verdictTitle } from '../reports/legend.js';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { currentCheckId } from '../core/check-id.js';
import { isBlocking } from '../core/requirements.js';
import type { ComplianceReport } from '../reports/model.js';
import { REPORT_FILES } from '../reports/write-reports.js';
import { EXIT, usageError } from './context.js';

/** Where allure-playwright writes in the output folder (set in playwright.config.ts). */
export const ALLURE_RESULTS = 'allure-results';

/** A compliance.json named on the command line; anything else is a one-line configuration error naming `what`. */
export function loadReport(file: string, what: string, cwd: string): ComplianceReport {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw usageError(`${what} ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let report: ComplianceReport;
  try {
    report = JSON.parse(text) as ComplianceReport;
  } catch {
    throw usageError(`${what} ${file} is not JSON; pass the compliance.json of a run`);
  }
  if (report?.schemaVersion !== 1 || !Array.isArray(report.requirements) || !Array.isArray(report.checks)) {
    throw usageError(`${what} ${file} is not a compliance.json (schemaVersion 1)`);
  }
  // Reports written before check IDs were declared name checks by their old, title-derived IDs.
  return {
    ...report,
    checks: report.checks.map((c) => ({ ...c, id: currentCheckId(c.id) })),
    requirements: report.requirements.map((r) => ({ ...r, checks: r.checks.map(currentCheckId) })),
  };
}

/** This run's own report, or undefined when Playwright wrote none. */
export function readReport(outDir: string): ComplianceReport | undefined {
  try {
    return JSON.parse(readFileSync(join(outDir, REPORT_FILES.json), 'utf8')) as ComplianceReport;
  } catch {
    return undefined;
  }
}

/** Requirements that make the run fail: a MUST or COND that failed or errored (untested ones were not selected). */
export function blockingProblems(report: ComplianceReport): string[] {
  return report.requirements.filter((r) => isBlocking(r.level) && (r.status === 'fail' || r.status === 'error')).map((r) => r.id);
}

export function exitCodeFor(report: ComplianceReport): number {
  return blockingProblems(report).length > 0 ? EXIT.failed : EXIT.ok;
}

const VERDICT_TEXT: Record<ComplianceReport['verdict'], string> = {
  ready: 'READY: every selected MUST/COND requirement passed or does not apply',
  'not-ready': 'NOT READY',
  incomplete: 'INCOMPLETE: the selected checks passed, but some MUST/COND requirements were not tested',
};

export function summaryLines(report: ComplianceReport, outDir: string): string[] {
  const problems = blockingProblems(report);
  const s = report.summary;
  const counts = (['pass', 'fail', 'warn', 'info', 'na', 'error', 'blocked'] as const)
    .filter((k) => s[k] > 0)
    .map((k) => `${s[k]} ${k}`)
    .join(', ');
  return [
    '',
    ...(report.profile === 'okta' ? [`Okta Integration Network: ${verdictTitle(report.verdict, 'okta')}`] : []),
    ...(report.galleries ?? []).map((g) => `${g.gallery}: ${verdictTitle(g.verdict, g.profile)}`),
    `Verdict: ${report.verdict === 'not-ready' ? `${VERDICT_TEXT['not-ready']}: ${problems.join(', ')}` : VERDICT_TEXT[report.verdict]}`,
    `Checks: ${counts || 'none ran'} (${report.checks.length} in all, ${(report.durationMs / 1000).toFixed(1)} s${report.options?.seed !== undefined ? `, --seed ${report.options.seed} repeats the data` : ''})`,
    ...(report.notices ?? []).map((n) => `Notice: ${n}`),
    `Report: ${join(outDir, REPORT_FILES.json)} (and the other formats beside it)`,
  ];
}
