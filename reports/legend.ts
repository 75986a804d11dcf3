/** Words shared by every human-readable format: status legend, verdict sentences, durations. */
import type { AttributeSetJson } from '../core/attributes/attribute-set.js';
import type { CheckStatus } from '../core/evidence.js';
import type { OktaVariant, Profile } from '../core/profile.js';
import type { ComplianceReport, GalleryItemStatus, ReportCheck, RequirementStatus, Verdict } from './model.js';

export type AnyStatus = CheckStatus | RequirementStatus;

export const STATUS_LABEL: Record<AnyStatus, string> = {
  pass: 'pass', fail: 'FAIL', warn: 'warn', info: 'info', na: 'n/a', error: 'ERROR', blocked: 'blocked', untested: 'untested', waived: 'waived',
};

/** The legend, in the order a reader needs it. */
export const LEGEND: readonly [AnyStatus, string][] = [
  ['fail', 'a MUST requirement (or a COND one that applies) is broken: not gallery-ready'],
  ['warn', 'a SHOULD requirement is broken: a warning, not a blocker'],
  ['error', 'the target could not be judged (unreachable, timed out, unreadable answer) or the harness failed'],
  ['blocked', 'a prerequisite or the control of this check failed, so it could not judge its subject (blocked by the named check, for the reason given); it leaves its requirement to the checks that ran'],
  ['waived', 'a failure accepted by a waiver until its expiry date'],
  ['info', 'behaviour worth knowing, measured but not judged'],
  ['na', 'does not apply to this target or run (the reason is given)'],
  ['untested', 'no check judged it: none ran (--only / --skip) or every one was blocked (the reason is given)'],
  ['pass', 'the requirement held'],
];

export const VERDICT_TITLE: Record<Verdict, string> = {
  ready: 'Ready for gallery onboarding',
  'not-ready': 'Not ready for gallery onboarding',
  incomplete: 'Incomplete: some MUST requirements were not tested',
};

/** The verdict as a profile's report titles it: Entra's gallery onboarding, or OIN submission with profile okta. */
export function verdictTitle(verdict: Verdict, profile: Profile = 'entra'): string {
  if (profile === 'entra' || verdict === 'incomplete') return VERDICT_TITLE[verdict];
  return verdict === 'ready' ? 'Ready for OIN submission' : 'Not ready for OIN submission';
}

/** The Okta variant a run acted out, for the report's header: the checks' requests depend on it (docs/okta.md). */
export function oktaVariantText(v: OktaVariant): string {
  return v.mode === 'aiw'
    ? 'Okta: App Integration Wizard app (PUT for every update)'
    : `Okta: OIN app, profile updates by ${v.userUpdates === 'patch' ? 'PATCH' : 'GET + PUT'}`;
}

/** The heading and one-line intro of a profile's submission checklist. */
export const CHECKLIST_HEADING: Record<Profile, { title: string; intro: string; owner: string }> = {
  entra: { title: 'Gallery checklist', intro: 'Microsoft\'s checklist for SCIM provisioning apps, as far as this run can prove it.', owner: 'Microsoft' },
  okta: { title: 'OIN checklist', intro: 'What an Okta Integration Network submission asks for (spec test, CRUD test, manual test plan), as far as this run can prove it.', owner: 'Okta' },
};

export function verdictSentence(report: ComplianceReport): string {
  const blocking = report.requirements.filter((r) => r.level !== 'SHOULD');
  const n = (s: RequirementStatus): number => blocking.filter((r) => r.status === s).length;
  switch (report.verdict) {
    case 'ready':
      return `Every MUST/COND requirement passed or does not apply${n('waived') ? ` (${n('waived')} waived)` : ''}.`;
    case 'incomplete':
      return `No MUST/COND requirement failed, but ${n('untested')} were not tested.`;
    case 'not-ready': {
      const parts = [n('fail') ? `${n('fail')} failed` : '', n('error') ? `${n('error')} could not be judged` : ''].filter(Boolean);
      return `MUST/COND requirements: ${parts.join(', ')}.`;
    }
  }
}

export const GALLERY_LABEL: Record<GalleryItemStatus, string> = {
  proven: 'proven by this run', failed: 'failed in this run', unproven: 'not proven by this run', manual: 'not provable by a tool',
};

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Where the attributes the checks wrote came from, in one sentence. */
export function attributeSource(a: AttributeSetJson): string {
  const from = {
    schemas: 'what the endpoint declares in GET /Schemas',
    'attributes-file': 'the Entra attribute mapping given with --attributes',
    'default-mapping': "Entra's default attribute mapping, because the endpoint's /Schemas could not be used",
  }[a.source];
  return `The checks wrote only attributes from ${from}${a.note ? ` (${a.note})` : ''}: ${a.user.length} User and ${a.group.length} Group attributes.`;
}

/** Statuses a reader should look at first, worst first. */
export const ATTENTION_ORDER: readonly AnyStatus[] = ['fail', 'error', 'blocked', 'waived', 'warn'];

/** How a check is shown and filtered: a waived failure as `waived`. */
export function displayStatus(c: ReportCheck): AnyStatus {
  return c.status === 'fail' && c.waiver ? 'waived' : c.status;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The check's message without the lines that repeat its structured fields: the harness writes Expected, Actual
 * and Fix into the message too (for terminals), and every report shows those fields on their own.
 */
export function messageBody(c: ReportCheck): string | undefined {
  if (c.message === undefined) return undefined;
  let text = c.message;
  for (const [label, value] of [['Expected', c.expected], ['Actual', c.actual], ['Fix', c.hint]] as const) {
    if (value !== undefined) text = text.replace(new RegExp(`\\n[ \\t]*${label}:[ \\t]*${escapeRegExp(value)}(?=\\n|$)`), '');
  }
  return text;
}
