/**
 * Judging a new answer against the recorded one. REPLAY-STATUS (MUST): the status class, and a recorded error's
 * scimType. REPLAY-BODY (SHOULD): the exact status, the media type, Location on a create, and the body compared
 * structurally (compare.ts) — only for success answers, since an error's detail is prose that may change.
 * A finding names what differs with both values; the check's message puts them in the harness's h2spec shape.
 */
import type { ConformanceCode } from '../core/errors.js';
import type { CheckStatus } from '../core/evidence.js';
import { requirement } from '../core/requirements.js';
import { compareBodies, describeDifference } from './compare.js';
import { mediaType } from './scim-path.js';

export interface Finding {
  requirement: string;
  /** What differs, in one sentence. */
  what: string;
  expected: string;
  actual: string;
  code: ConformanceCode;
}

/** An answer as the judge sees it (recorded, or new from the client). */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  truncated?: boolean;
}

export interface Judged {
  status: CheckStatus;
  broken?: string[];
  message?: string;
  expected?: string;
  actual?: string;
  hint?: string;
  errorCode?: string;
}

const classOf = (status: number): string => `${Math.floor(status / 100)}xx`;

function scimTypeOf(body: unknown): string | undefined {
  const t = (body as { scimType?: unknown } | null | undefined)?.scimType;
  return typeof t === 'string' && t !== '' ? t : undefined;
}

/** `400 invalidValue` — the status and, for an error, its scimType. */
export function describeAnswer(a: Answer): string {
  const t = scimTypeOf(a.body);
  return t ? `${a.status} (scimType ${t})` : String(a.status);
}

export function judgeAnswer(recorded: Answer, now: Answer, expectedBody: unknown): Finding[] {
  const findings: Finding[] = [];
  const status = (what: string, expected: string, actual: string): void => {
    findings.push({ requirement: 'REPLAY-STATUS', what, expected, actual, code: 'SCIM_STATUS' });
  };
  const body = (what: string, expected: string, actual: string, code: ConformanceCode = 'SCIM_VALUE'): void => {
    findings.push({ requirement: 'REPLAY-BODY', what, expected, actual, code });
  };
  if (classOf(recorded.status) !== classOf(now.status)) {
    status(`the status class differs: ${classOf(recorded.status)} recorded, ${classOf(now.status)} now`, `${describeAnswer(recorded)} (as recorded)`, describeAnswer(now));
    return findings;
  }
  const recordedType = scimTypeOf(recorded.body);
  if (recordedType !== undefined && recordedType.toLowerCase() !== scimTypeOf(now.body)?.toLowerCase()) {
    status('the SCIM error type differs', `${describeAnswer(recorded)} (as recorded)`, describeAnswer(now));
  }
  if (recorded.status !== now.status) body('the status code differs', `${recorded.status} (as recorded)`, String(now.status), 'SCIM_STATUS');
  const [recordedMedia, nowMedia] = [mediaType(recorded.headers['content-type']), mediaType(now.headers['content-type'])];
  if (recordedMedia !== undefined && recordedMedia !== nowMedia) body('the media type differs', recordedMedia, nowMedia ?? '(none)', 'SCIM_HEADER');
  if (recorded.status === 201 && recorded.headers.location !== undefined && now.headers.location === undefined) {
    body('the create has no Location header now', 'Location: <base>/…/<id> (as recorded)', '(none)', 'SCIM_HEADER');
  }
  if (now.status < 300 && !recorded.truncated && !now.truncated) {
    const diffs = compareBodies(expectedBody, now.body);
    if (diffs.length > 0) {
      const lines = diffs.map(describeDifference);
      body(`the body differs from the recording in ${diffs.length} place(s): ${lines.slice(0, 5).join('; ')}${diffs.length > 5 ? '; …' : ''}`, 'the recorded body (volatile fields aside)', lines.join('; '));
    }
  }
  return findings;
}

/** The check fields for a set of findings: fail for a MUST/COND requirement, warn for SHOULD only, pass for none. */
export function verdictOf(findings: readonly Finding[], exchange: number): Judged {
  if (findings.length === 0) return { status: 'pass' };
  const broken = [...new Set(findings.map((f) => f.requirement))];
  const reqs = broken.map((id) => requirement(id));
  const blocking = reqs.some((r) => r.level !== 'SHOULD');
  const message = findings.map((f) => {
    const r = requirement(f.requirement);
    return [`[${r.id}] ${r.statement}`, `  ${f.what}`, `  Expected: ${f.expected}`, `  Actual:   ${f.actual}`, `  Exchange: #${exchange}`, `  Fix: ${r.hint}`].join('\n');
  }).join('\n');
  const first = findings.find((f) => requirement(f.requirement).level !== 'SHOULD') ?? findings[0];
  return {
    status: blocking ? 'fail' : 'warn',
    broken,
    message,
    ...(first ? { expected: first.expected, actual: first.actual, errorCode: first.code } : {}),
    hint: reqs.map((r) => r.hint).join(' '),
  };
}
