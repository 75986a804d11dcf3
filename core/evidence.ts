/** The evidence every check yields: recorded exchanges and one record per check. Secrets are redacted before
 * anything lands here (see core/redact.ts), so these types are safe to write anywhere. */

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, else the text; absent for an empty body. */
  body?: unknown;
  /** True when the body was larger than the recording cap and was cut. */
  truncated?: boolean;
}

export interface Exchange {
  /** 1-based within the check. */
  seq: number;
  /** The wire-like step name, e.g. `PATCH /Users/{id} replace active=false`. */
  step?: string;
  request: RecordedRequest;
  response?: RecordedResponse;
  /** Set when no response arrived (TargetError code and message). */
  error?: { code: string; message: string };
  /** Retry number (0 for the first attempt). */
  attempt?: number;
  /**
   * When the request was sent, in ms after the client recording it was made (a check's client is made as the
   * check starts): with `ms` it tells which requests of a check overlapped and which waited for one another.
   */
  startMs?: number;
  ms: number;
}

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'info' | 'na' | 'error' | 'blocked';

export interface CheckRecord {
  /** Stable check ID as declared, e.g. `users/create-duplicate`, with `@dialect` for per-dialect checks. */
  id: string;
  title: string;
  requirements: string[];
  status: CheckStatus;
  message?: string;
  expected?: string;
  actual?: string;
  hint?: string;
  /** PATCH dialect the check ran in, when it runs once per dialect. */
  dialect?: string;
  /** Where the check is declared: `users/create-user.spec.ts:7` (relative to suites/). */
  location?: string;
  /** For blocked checks: the check whose failure blocked this one. */
  blockedBy?: string;
  /** For n/a checks: why it does not apply. */
  reason?: string;
  /** The attributes the check chose to write (Entra target paths), from the run's attribute set. */
  attributes?: string[];
  /**
   * For fail/warn: the requirements the failure broke (a subset of `requirements`). A requirement the check cites
   * but did not break is left to the checks that could judge it. Absent in records of older versions: all.
   */
  broken?: string[];
  /** Microsoft SCIM Validator / gallery-suite counterparts. */
  counterparts?: string[];
  exchanges: Exchange[];
  durationMs: number;
  errorCode?: string;
}

/** Name of the Playwright attachment (JSON AttributeSetJson) through which a worker hands the run's attribute set to the reporter. */
export const ATTRIBUTES_ATTACHMENT = 'scim-conform-attributes';
/** Name of the Playwright attachment (JSON CheckRecord) through which a check hands its evidence to the reporter. */
export const EVIDENCE_ATTACHMENT = 'scim-conform-check';
/** Allure label holding a check's verdict: Allure's own status is wrong for failures the harness declares expected. */
export const ALLURE_VERDICT_LABEL = 'scim-conform-verdict';
/** Allure label carrying the attributes a check wrote; reports/allure.ts shows it as a parameter. */
export const ALLURE_ATTRIBUTES_LABEL = 'scim-conform-attributes';
/** Playwright annotation types the check() wrapper writes; the reporter and JUnit read them. */
export const ANNOTATION = {
  requirement: 'requirement',
  level: 'level',
  checkId: 'check-id',
  /** `users/create-user.spec.ts:7`: where the check is declared (Playwright records the harness's call instead). */
  location: 'location',
  counterpart: 'counterpart',
  dialect: 'dialect',
  /** The named target a check ran against, when a run tests several (the defect matrix). */
  target: 'target',
} as const;
