/**
 * Evidence → verdict. A pure function: the same records and context always give the same report.
 *
 * Requirement status from the checks that could judge it (documented in docs/report-format.md). A check judges a
 * requirement it cites unless it was blocked (a prerequisite or a control failed, so it never got to its own
 * request) or it failed on another requirement it cites (`broken` names the ones it broke):
 * - no check judged it → `untested` (with the blockers as the reason when checks were blocked);
 * - MUST/COND: any `fail` → `fail`; else any `error` (the target crashed, timed out or sent garbage on the check's
 *   own request) → `error`; else all `na` → `na`; else `pass` (`info` does not break a MUST);
 * - SHOULD: any `fail` or `warn` → `warn`; else any `error` → `error`; else all `na` → `na`; else `pass`.
 * An active waiver turns `fail` into `waived`; an expired one leaves `fail` and adds a notice.
 *
 * Verdict: any MUST/COND `fail` or `error` → `not-ready`; else any MUST/COND `untested` → `incomplete`; else
 * `ready` (every MUST/COND is `pass`, `na` or `waived`).
 */
import type { AttributeSetJson } from '../core/attributes/attribute-set.js';
import type { CheckRecord, CheckStatus } from '../core/evidence.js';
import type { Profile } from '../core/profile.js';
import { catalogueFor, isBlocking, type Level, type Requirement } from '../core/requirements.js';
import { galleryChecklist } from './gallery-checklist.js';
import { oinChecklist } from './oin-checklist.js';
import type { ComplianceReport, ReportCheck, RequirementResult, RequirementStatus, Verdict, WaiverInfo } from './model.js';
import { waiverActive, type Waiver } from './waivers.js';

export interface BuildContext {
  tool: { name: string; version: string };
  target: { url: string; embedded: boolean };
  startedAt: string;
  durationMs: number;
  options?: ComplianceReport['options'];
  /** Notices from the caller (e.g. the CLI); the report adds its own after them. */
  notices?: string[];
  waivers?: Waiver[];
  /** "Today" for waiver expiry; defaults to the current time. */
  now?: Date;
  /** The attribute set the checks chose from (the reporter gets it from the workers). */
  attributes?: AttributeSetJson;
  /** The IdP the run acted like: its catalogue, checklist and verdict wording. Default: entra. */
  profile?: Profile;
  /** The requirement catalogue; defaults to the profile's. Self-tests pin a fixed one so catalogue edits don't move snapshots. */
  catalogue?: readonly Requirement[];
}

export const CHECK_STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'warn', 'info', 'na', 'error', 'blocked'];
export const REQUIREMENT_STATUSES: readonly RequirementStatus[] = ['pass', 'fail', 'warn', 'na', 'error', 'untested', 'waived'];

const LEVEL_RANK: Record<Level, number> = { MUST: 3, COND: 2, SHOULD: 1 };

/** What one check says about one requirement it cites: `blocked` when it failed on another of its requirements. */
export function statusFor(requirement: string, c: Pick<CheckRecord, 'status' | 'broken'>): CheckStatus {
  const failed = c.status === 'fail' || c.status === 'warn';
  return failed && c.broken !== undefined && !c.broken.includes(requirement) ? 'blocked' : c.status;
}

export function requirementStatus(level: Level, statuses: readonly CheckStatus[]): RequirementStatus {
  const judged: readonly CheckStatus[] = statuses.filter((s) => s !== 'blocked');
  if (judged.length === 0) return 'untested';
  const has = (s: CheckStatus): boolean => judged.includes(s);
  if (isBlocking(level)) {
    if (has('fail')) return 'fail';
  } else if (has('fail') || has('warn')) {
    return 'warn';
  }
  if (has('error')) return 'error';
  if (judged.every((s) => s === 'na')) return 'na';
  return 'pass';
}

/** Why no check judged a requirement: each blocked check and what blocked it. */
function blockedReason(requirement: string, citing: readonly CheckRecord[]): string | undefined {
  const blocked = citing.filter((c) => statusFor(requirement, c) === 'blocked');
  if (blocked.length === 0) return undefined;
  return `not judged: ${blocked.map((c) => (c.status === 'blocked'
    ? `${c.id} was blocked by ${c.blockedBy ?? 'a prerequisite'}`
    : `${c.id} failed on ${(c.broken ?? []).join(', ')} first`)).join('; ')}`;
}

export function verdictOf(requirements: readonly Pick<RequirementResult, 'level' | 'status'>[]): Verdict {
  const blocking = requirements.filter((r) => isBlocking(r.level));
  if (blocking.some((r) => r.status === 'fail' || r.status === 'error')) return 'not-ready';
  if (blocking.some((r) => r.status === 'untested')) return 'incomplete';
  return 'ready';
}

function byCheckOrder(a: CheckRecord, b: CheckRecord): number {
  return a.id.localeCompare(b.id) || (a.dialect ?? '').localeCompare(b.dialect ?? '');
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

export function buildReport(records: readonly CheckRecord[], ctx: BuildContext): ComplianceReport {
  const now = ctx.now ?? new Date();
  const notices = [...(ctx.notices ?? [])];
  const checks = [...records].sort(byCheckOrder);
  const profile = ctx.profile ?? 'entra';
  const catalogue = ctx.catalogue ?? catalogueFor(profile);
  const known = new Set(catalogue.map((r) => r.id));

  for (const c of checks) {
    for (const id of c.requirements) {
      if (!known.has(id)) notices.push(`Check ${c.id} cites the unknown requirement ${id}; it is ignored.`);
    }
  }

  const waivers = new Map((ctx.waivers ?? []).map((w) => [w.id, w]));
  const requirements: RequirementResult[] = catalogue.map((req) => {
    const citing = checks.filter((c) => c.requirements.includes(req.id));
    let status = requirementStatus(req.level, citing.map((c) => statusFor(req.id, c)));
    const result: RequirementResult = {
      id: req.id,
      level: req.level,
      status,
      checks: unique(citing.map((c) => c.id)),
      area: req.area,
      statement: req.statement,
      source: { ...req.source },
      hint: req.hint,
    };
    if (req.condition !== undefined) result.condition = req.condition;
    if (status === 'na') {
      result.reason = unique(citing.map((c) => c.reason ?? 'not applicable')).join('; ');
    } else if (status === 'untested') {
      const why = blockedReason(req.id, citing);
      if (why) result.reason = why;
    }
    const waiver = waivers.get(req.id);
    if (waiver) {
      const info: WaiverInfo = { reason: waiver.reason, expires: waiver.expires };
      const active = waiverActive(waiver, now);
      if (!active) {
        info.expired = true;
        if (status === 'fail') notices.push(`WAIVER EXPIRED: ${req.id} was waived until ${waiver.expires} ("${waiver.reason}"); its failure counts again.`);
      } else if (status === 'fail') {
        status = 'waived';
      } else {
        notices.push(`Waiver for ${req.id} is unused: the requirement is ${status}.`);
      }
      result.status = status;
      result.waiver = info;
    }
    return result;
  });

  const resultById = new Map(requirements.map((r) => [r.id, r]));
  const reportChecks: ReportCheck[] = checks.map((c) => {
    const cited = c.requirements.map((id) => resultById.get(id)).filter((r): r is RequirementResult => r !== undefined);
    const out: ReportCheck = { ...c, area: c.id.split('/')[0] ?? c.id };
    const top = cited.reduce<Level | undefined>((best, r) => (best && LEVEL_RANK[best] >= LEVEL_RANK[r.level] ? best : r.level), undefined);
    if (top) out.level = top;
    const blocking = cited.filter((r) => isBlocking(r.level));
    const waiver = blocking[0]?.waiver;
    if (c.status === 'fail' && waiver && blocking.every((r) => r.status === 'waived')) out.waiver = waiver;
    return out;
  });

  const summary = Object.fromEntries(CHECK_STATUSES.map((s) => [s, 0])) as ComplianceReport['summary'];
  for (const c of checks) summary[c.status] += 1;
  const requirementSummary = Object.fromEntries(REQUIREMENT_STATUSES.map((s) => [s, 0])) as Record<RequirementStatus, number>;
  for (const r of requirements) requirementSummary[r.status] += 1;

  if (ctx.options?.insecure) notices.push('TLS certificate verification was disabled (--insecure): the transport was not judged.');
  const unreachable = checks.filter((c) => c.errorCode === 'TARGET_UNREACHABLE').length;
  if (unreachable > 0 && summary.pass + summary.warn + summary.info + summary.fail === 0) {
    notices.push(`The target could not be reached (${unreachable} check(s) errored with TARGET_UNREACHABLE): nothing was judged.`);
  }
  if (requirementSummary.waived > 0) {
    notices.push(`${requirementSummary.waived} failing requirement(s) waived: ${requirements.filter((r) => r.status === 'waived').map((r) => r.id).join(', ')}.`);
  }

  const report: ComplianceReport = {
    schemaVersion: 1,
    tool: { ...ctx.tool },
    target: { ...ctx.target },
    startedAt: ctx.startedAt,
    durationMs: ctx.durationMs,
    verdict: verdictOf(requirements),
    summary,
    requirements,
    checks: reportChecks,
    requirementSummary,
    gallery: profile === 'okta' ? oinChecklist(requirements) : galleryChecklist(requirements),
  };
  // Absent means entra, so an Entra report reads as it did before profiles.
  if (profile !== 'entra') report.profile = profile;
  if (notices.length > 0) report.notices = notices;
  if (ctx.options) report.options = { ...ctx.options };
  if (ctx.attributes) report.attributes = ctx.attributes;
  return report;
}
