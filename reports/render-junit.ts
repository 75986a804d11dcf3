/**
 * junit.xml: a testcase per check, classname = area, requirement IDs and level as <properties>.
 * MUST/COND failures are <failure>, target and harness errors <error> (h2spec files everything as an error; CI
 * dashboards then cannot tell a broken endpoint from an unreachable one), n/a, blocked and waived <skipped>.
 * SHOULD warnings pass, with a <system-out> note, so they never break a CI gate. The gallery checklist rides
 * along as properties of an empty `gallery-checklist` suite.
 */
import { attributeSource, formatMs, messageBody, verdictTitle } from './legend.js';
import type { ComplianceReport, ReportCheck } from './model.js';

// Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF).
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(value: string): string {
  return value
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values).map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`).join('');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function detail(c: ReportCheck): string {
  return [
    messageBody(c),
    c.expected !== undefined ? `Expected: ${c.expected}` : undefined,
    c.actual !== undefined ? `Actual: ${c.actual}` : undefined,
    c.hint ? `Fix: ${c.hint}` : undefined,
    c.exchanges.length ? `Exchanges: ${c.exchanges.map((e) => `#${e.seq} ${e.request.method} ${e.request.url} → ${e.response?.status ?? e.error?.code ?? 'no answer'}`).join('; ')}` : undefined,
  ].filter((x): x is string => Boolean(x)).join('\n');
}

function outcome(c: ReportCheck): string {
  const firstLine = (c.message ?? '').split('\n')[0] ?? '';
  switch (c.status) {
    case 'fail':
      if (c.waiver) return `<skipped${attrs({ message: `waived until ${c.waiver.expires}: ${c.waiver.reason}` })}/>`;
      return `<failure${attrs({ message: firstLine || 'requirement broken', type: c.errorCode ?? 'ConformanceFailure' })}>${xmlEscape(detail(c))}</failure>`;
    case 'error':
      return `<error${attrs({ message: firstLine || 'the target could not be judged', type: c.errorCode ?? 'Error' })}>${xmlEscape(detail(c))}</error>`;
    case 'na':
      return `<skipped${attrs({ message: `n/a: ${c.reason ?? c.message ?? 'not applicable'}` })}/>`;
    case 'blocked':
      return `<skipped${attrs({ message: `blocked by ${c.blockedBy ?? 'a failed prerequisite'}${c.message ? `: ${c.message}` : ''}` })}/>`;
    case 'warn':
      return `<system-out>${xmlEscape(`WARNING (SHOULD broken, does not fail the run)\n${detail(c)}`)}</system-out>`;
    case 'info':
      return c.message ? `<system-out>${xmlEscape(`INFO: ${c.message}`)}</system-out>` : '';
    case 'pass':
      return '';
  }
}

function testcase(c: ReportCheck): string {
  const props = [
    ...c.requirements.map((r) => ['requirement', r]),
    ...(c.level ? [['level', c.level]] : []),
    ['check-id', c.id],
    ...(c.dialect ? [['dialect', c.dialect]] : []),
    ...(c.counterparts ?? []).map((x) => ['counterpart', x]),
    ...(c.attributes ?? []).map((x) => ['attribute', x]),
    ...(c.location ? [['location', `suites/${c.location}`]] : []),
  ].map(([name, value]) => `        <property${attrs({ name: name ?? '', value: value ?? '' })}/>`);
  const body = outcome(c);
  return [
    `    <testcase${attrs({ name: c.title, classname: c.area ?? 'scim', time: seconds(c.durationMs) })}>`,
    '      <properties>', ...props, '      </properties>',
    ...(body ? [`      ${body}`] : []),
    '    </testcase>',
  ].join('\n');
}

interface Counts { tests: number; failures: number; errors: number; skipped: number; ms: number }

function count(checks: readonly ReportCheck[]): Counts {
  return {
    tests: checks.length,
    failures: checks.filter((c) => c.status === 'fail' && !c.waiver).length,
    errors: checks.filter((c) => c.status === 'error').length,
    skipped: checks.filter((c) => c.status === 'na' || c.status === 'blocked' || (c.status === 'fail' && c.waiver)).length,
    ms: checks.reduce((sum, c) => sum + c.durationMs, 0),
  };
}

export function renderJunit(report: ComplianceReport): string {
  const areas = new Map<string, ReportCheck[]>();
  for (const c of report.checks) {
    const area = c.area ?? 'scim';
    areas.set(area, [...(areas.get(area) ?? []), c]);
  }
  const all = count(report.checks);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: `${report.tool.name} ${report.target.url}`, tests: all.tests, failures: all.failures, errors: all.errors, skipped: all.skipped, time: seconds(report.durationMs) })}>`,
  ];
  for (const [area, checks] of areas) {
    const n = count(checks);
    lines.push(`  <testsuite${attrs({ name: area, tests: n.tests, failures: n.failures, errors: n.errors, skipped: n.skipped, time: seconds(n.ms), timestamp: report.startedAt })}>`);
    lines.push(...checks.map(testcase));
    lines.push('  </testsuite>');
  }
  const checklists = report.galleries?.length
    ? report.galleries.map((g) => ({ profile: g.profile, items: g.checklist, verdict: verdictTitle(g.verdict, g.profile) }))
    : [{ profile: report.profile ?? 'entra', items: report.gallery ?? [], verdict: undefined }];
  for (const { profile, items, verdict } of checklists) {
    if (!items.length) continue;
    // The checklist as data only: zero tests, so its items never count twice against the checks.
    const name = profile === 'entra' ? 'gallery-checklist' : `${profile === 'okta' ? 'oin' : profile}-checklist`;
    lines.push(`  <testsuite${attrs({ name, tests: 0, failures: 0, errors: 0, skipped: 0, time: '0.000', timestamp: report.startedAt })}>`, '    <properties>');
    if (verdict) lines.push(`      <property${attrs({ name: 'verdict', value: verdict })}/>`);
    for (const g of items) {
      lines.push(`      <property${attrs({ name: `gallery:${g.id}`, value: `${g.status} (${g.need}): ${g.title}. ${g.note}` })}/>`);
    }
    lines.push('    </properties>', '  </testsuite>');
  }
  if (report.attributes) {
    // The run's attribute set as data only, like the gallery checklist: where it came from and what it holds.
    const a = report.attributes;
    lines.push(`  <testsuite${attrs({ name: 'attribute-set', tests: 0, failures: 0, errors: 0, skipped: 0, time: '0.000', timestamp: report.startedAt })}>`, '    <properties>');
    lines.push(`      <property${attrs({ name: 'source', value: attributeSource(a) })}/>`);
    for (const [kind, list] of [['user', a.user], ['group', a.group]] as const) {
      lines.push(...list.map((v) => `      <property${attrs({ name: `${kind}-attribute`, value: v })}/>`));
    }
    lines.push('    </properties>', '  </testsuite>');
  }
  lines.push(`  <!-- verdict: ${report.verdict}${report.profile ? ` (${verdictTitle(report.verdict, report.profile)})` : ''} · ${formatMs(report.durationMs)} -->`);
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
