/**
 * The compliance report model: `compliance.json` is exactly this (schemaVersion 1). Every other format is a pure
 * function of it. Keep it stable: CI gates, diffs and merges read it. Fields marked "added" are optional additions
 * to schemaVersion 1; readers of older files must cope with their absence.
 */
import type { AttributeSetJson } from '../core/attributes/attribute-set.js';
import type { CheckRecord, CheckStatus } from '../core/evidence.js';
import type { OktaVariant, Profile } from '../core/profile.js';
import type { Area, Level, Source } from '../core/requirements.js';

export type Verdict = 'ready' | 'not-ready' | 'incomplete';
export type RequirementStatus = 'pass' | 'fail' | 'warn' | 'na' | 'error' | 'untested' | 'waived';

export interface WaiverInfo {
  reason: string;
  /** YYYY-MM-DD, the last day the waiver applies (UTC). */
  expires: string;
  /** Added: true when the date has passed, so the failure counts again. */
  expired?: boolean;
}

export interface RequirementResult {
  id: string;
  level: Level;
  status: RequirementStatus;
  /** IDs of the checks that cite this requirement and ran. */
  checks: string[];
  /** Set when a waiver names this requirement (turned a failure into `waived`, or expired). */
  waiver?: WaiverInfo;
  /** For n/a: why; for untested when every citing check was blocked: by what. */
  reason?: string;
  /** Added: catalogue data copied in, so renderers never depend on the catalogue version that reads the file. */
  area?: Area;
  statement?: string;
  source?: Source;
  hint?: string;
  condition?: string;
}

/** A check as reported: the record plus what the report derives for it. */
export interface ReportCheck extends CheckRecord {
  /** Added: the highest level among the cited requirements (MUST > COND > SHOULD). */
  level?: Level;
  /** Added: the spec area, the part of the check ID before the first "/". */
  area?: string;
  /** Added: set on a failing check whose every blocking requirement is waived. */
  waiver?: WaiverInfo;
}

export type GalleryItemStatus = 'proven' | 'failed' | 'unproven' | 'manual';

/** One item of Microsoft's gallery checklist (docs/entra-behaviour.md §5.5) and what this run says about it. */
export interface GalleryItem {
  id: string;
  title: string;
  /** Microsoft's level for the item. */
  need: 'required' | 'recommended';
  /** proven by this run / failed in this run / this run could not prove it / not provable by a tool. */
  status: GalleryItemStatus;
  /** Requirement IDs whose results decide the item (empty for manual items). */
  requirements: string[];
  /** One line: why this status, or what the vendor must provide. */
  note: string;
}

/** One gallery's verdict in a report merged from runs of several profiles. */
export interface GalleryVerdict {
  profile: Profile;
  /** e.g. "Okta Integration Network (OIN)" (core/profile.ts GALLERY_OF). */
  gallery: string;
  verdict: Verdict;
  checklist: GalleryItem[];
}

export interface ComplianceReport {
  schemaVersion: 1;
  tool: { name: string; version: string };
  target: { url: string; embedded: boolean };
  startedAt: string;
  durationMs: number;
  verdict: Verdict;
  summary: Record<Exclude<CheckStatus, 'blocked'>, number> & { blocked: number };
  requirements: RequirementResult[];
  checks: ReportCheck[];
  /** Banner-level notes: the target was unreachable, --insecure was used, a waiver expired … */
  notices?: string[];
  /** `okta`: with profile okta, the variant the checks acted out (`--okta-user-updates`, `--okta-aiw`). */
  options?: { dialect?: string; seed?: number; only?: string[]; skip?: string[]; insecure?: boolean; shard?: string; okta?: OktaVariant };
  /** Added: requirement counts by status. */
  requirementSummary?: Record<RequirementStatus, number>;
  /**
   * Added: the submission checklist as far as this run proves it — Microsoft's gallery checklist, or with profile
   * `okta` the OIN checklist (spec test, CRUD test, the manual test plan).
   */
  gallery?: GalleryItem[];
  /** Added: the IdP the run acted like (absent: `entra`); it names the gallery the verdict speaks for. */
  profile?: Profile;
  /** Added by `merge` of runs of several profiles: each profile's verdict and checklist. */
  galleries?: GalleryVerdict[];
  /**
   * Added: the attributes the checks could write and where that came from (the endpoint's /Schemas, the vendor's
   * --attributes mapping, or Entra's default mapping); each check's own choice is in `checks[].attributes`.
   */
  attributes?: AttributeSetJson;
}
