/**
 * `scim-conform diff OLD NEW` and `run --baseline`: what changed between two compliance reports, per requirement.
 * Only a MUST/COND requirement that now fails or errors (and did not before) is a new failure: that is what a CI
 * gate exits 1 on. SHOULD regressions are listed separately.
 */
import { isBlocking, type Level } from '../core/requirements.js';
import type { ComplianceReport, RequirementStatus, Verdict } from './model.js';

export type Before = RequirementStatus | 'absent';

export interface RequirementChange {
  id: string;
  level: Level;
  before: Before;
  after: RequirementStatus;
}

export interface ReportDiff {
  verdict: { before: Verdict; after: Verdict };
  /** MUST/COND requirements that now fail or error and did not before. */
  newlyFailing: RequirementChange[];
  /** SHOULD requirements that now warn or error and did not before. */
  newlyWarning: RequirementChange[];
  /** Requirements that failed, errored or warned before and now pass, are n/a or waived. */
  fixed: RequirementChange[];
  unchanged: RequirementChange[];
  /** Everything else, e.g. pass → untested when the new run used --only. */
  otherChanges: RequirementChange[];
}

const BAD: readonly Before[] = ['fail', 'error'];
const GOOD: readonly RequirementStatus[] = ['pass', 'na', 'waived'];

export function diffReports(before: ComplianceReport, after: ComplianceReport): ReportDiff {
  const old = new Map(before.requirements.map((r) => [r.id, r.status]));
  const diff: ReportDiff = {
    verdict: { before: before.verdict, after: after.verdict },
    newlyFailing: [], newlyWarning: [], fixed: [], unchanged: [], otherChanges: [],
  };
  for (const r of after.requirements) {
    const change: RequirementChange = { id: r.id, level: r.level, before: old.get(r.id) ?? 'absent', after: r.status };
    const was = change.before;
    if (was === r.status) diff.unchanged.push(change);
    else if (isBlocking(r.level) && BAD.includes(r.status) && !BAD.includes(was)) diff.newlyFailing.push(change);
    else if (!isBlocking(r.level) && (r.status === 'warn' || r.status === 'error') && was !== 'warn' && was !== 'error') diff.newlyWarning.push(change);
    else if ((BAD.includes(was) || was === 'warn') && GOOD.includes(r.status)) diff.fixed.push(change);
    else diff.otherChanges.push(change);
  }
  return diff;
}

/** Lines for the terminal; the CLI prints them and exits 1 when `newlyFailing` is not empty. */
export function formatDiff(diff: ReportDiff): string {
  const section = (title: string, changes: RequirementChange[]): string[] =>
    changes.length ? [`${title} (${changes.length}):`, ...changes.map((c) => `  ${c.id} [${c.level}] ${c.before} → ${c.after}`)] : [];
  return [
    `verdict: ${diff.verdict.before} → ${diff.verdict.after}`,
    ...section('newly failing', diff.newlyFailing),
    ...section('newly warning', diff.newlyWarning),
    ...section('fixed', diff.fixed),
    ...section('other changes', diff.otherChanges),
    `unchanged: ${diff.unchanged.length}`,
  ].join('\n');
}
