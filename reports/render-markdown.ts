/**
 * compliance.md: the report for pull requests and $GITHUB_STEP_SUMMARY. GitHub renders inline HTML in Markdown, so
 * every value is escaped; messages from the endpoint go in fenced blocks whose fence is longer than any run inside.
 */
import type { CheckStatus } from '../core/evidence.js';
import { ATTENTION_ORDER, GALLERY_LABEL, LEGEND, STATUS_LABEL, CHECKLIST_HEADING, attributeSource, displayStatus, formatMs, messageBody, oktaVariantText, verdictSentence, verdictTitle, type AnyStatus } from './legend.js';
import type { ComplianceReport, ReportCheck, RequirementStatus } from './model.js';

const ICON: Record<AnyStatus, string> = {
  pass: '✅', fail: '❌', warn: '⚠️', info: 'ℹ️', na: '➖', error: '💥', blocked: '⛔', untested: '◻️', waived: '🏳️',
};
const GALLERY_ICON = { proven: '✅', failed: '❌', unproven: '◻️', manual: '📝' } as const;

/** Text safe inside a table cell or a sentence: no HTML, no pipes, no line breaks. */
export function mdText(value: string): string {
  return value
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/~+/g)].map((m) => m[0].length));
  const fence = '~'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function status(s: AnyStatus): string {
  return `${ICON[s]} ${STATUS_LABEL[s]}`;
}

function checkDetail(c: ReportCheck): string {
  const lines = [`#### ${status(displayStatus(c))} \`${c.id}\`${c.dialect ? ` (${mdText(c.dialect)})` : ''}: ${mdText(c.title)}`, ''];
  lines.push(`Requirements: ${c.requirements.map(mdText).join(', ')}${c.level ? ` · level ${c.level}` : ''}`, '');
  if (c.waiver) lines.push(`Waived until ${mdText(c.waiver.expires)}: ${mdText(c.waiver.reason)}`, '');
  if (c.blockedBy) lines.push(`Blocked by \`${c.blockedBy.replace(/`/g, '')}\``, '');
  if (c.status === 'na' && c.reason) lines.push(`Not applicable: ${mdText(c.reason)}`, '');
  if (c.attributes?.length) lines.push(`Attributes: ${c.attributes.map(mdText).join(', ')}`, '');
  const body = [messageBody(c), c.expected !== undefined ? `Expected: ${c.expected}` : '', c.actual !== undefined ? `Actual:   ${c.actual}` : '']
    .filter(Boolean).join('\n');
  if (body) lines.push(fenced(body), '');
  if (c.hint) lines.push(`Fix: ${mdText(c.hint)}`, '');
  return lines.join('\n');
}

export function renderMarkdown(report: ComplianceReport): string {
  const out: string[] = [];
  const icon = report.verdict === 'ready' ? '✅' : report.verdict === 'incomplete' ? '◻️' : '❌';
  out.push(`# ${icon} SCIM compliance: ${verdictTitle(report.verdict, report.profile)}`, '');
  out.push(verdictSentence(report), '');
  for (const g of report.galleries ?? []) out.push(`- **${mdText(g.gallery)}:** ${verdictTitle(g.verdict, g.profile)}`);
  if (report.galleries?.length) out.push('');
  out.push(`Target: ${mdText(report.target.url)}${report.target.embedded ? ' (embedded reference app)' : ''} · ${mdText(report.tool.name)} ${mdText(report.tool.version)} · started ${mdText(report.startedAt)} · ${formatMs(report.durationMs)}${report.options?.okta ? ` · ${oktaVariantText(report.options.okta)}` : ''}`, '');
  for (const n of report.notices ?? []) out.push(`> **Notice:** ${mdText(n)}`, '');

  out.push('## Summary', '', '| status | checks | requirements |', '| --- | ---: | ---: |');
  for (const [s] of LEGEND) {
    const checks = s in report.summary ? report.summary[s as CheckStatus] : undefined;
    const reqs = report.requirementSummary?.[s as RequirementStatus];
    if (!checks && !reqs) continue;
    out.push(`| ${status(s)} | ${checks ?? '–'} | ${reqs ?? '–'} |`);
  }
  out.push('');

  const checklists = report.galleries?.length
    ? report.galleries.map((g) => ({ profile: g.profile, items: g.checklist }))
    : [{ profile: report.profile ?? 'entra', items: report.gallery ?? [] }];
  for (const { profile, items } of checklists) {
    if (!items.length) continue;
    const heading = CHECKLIST_HEADING[profile];
    out.push(`## ${heading.title}`, '', `| item | ${heading.owner} | status | note |`, '| --- | --- | --- | --- |');
    for (const g of items) {
      out.push(`| ${mdText(g.title)} | ${g.need} | ${GALLERY_ICON[g.status]} ${GALLERY_LABEL[g.status]} | ${mdText(g.note)} |`);
    }
    out.push('');
  }

  const attention = [...report.checks]
    .filter((c) => ATTENTION_ORDER.includes(displayStatus(c)))
    .sort((a, b) => ATTENTION_ORDER.indexOf(displayStatus(a)) - ATTENTION_ORDER.indexOf(displayStatus(b)));
  if (attention.length) {
    out.push('## Checks to look at', '');
    for (const c of attention) out.push(checkDetail(c));
  }

  const notRun = report.checks.filter((c) => c.status === 'na' || c.status === 'blocked');
  if (notRun.length) {
    out.push('## Checks that did not judge their subject', '', '<details><summary>n/a and blocked checks, with the reason</summary>', '');
    for (const c of notRun) {
      // A blocked check's message already reads "blocked by <check>: <cause>".
      const why = c.status === 'na' ? c.reason ?? 'not applicable' : c.message ?? `blocked by ${c.blockedBy ?? 'a prerequisite'}`;
      out.push(`- ${status(c.status)} \`${c.id.replace(/`/g, '')}\`: ${mdText(why)}`);
    }
    out.push('', '</details>', '');
  }

  if (report.attributes) {
    const written = report.checks.filter((c) => c.attributes?.length);
    out.push('## Attributes', '', mdText(attributeSource(report.attributes)), '');
    out.push('<details><summary>The attribute set, and what each check wrote</summary>', '');
    out.push(`- User: ${report.attributes.user.map(mdText).join(', ')}`, `- Group: ${report.attributes.group.map(mdText).join(', ')}`, '');
    if (written.length) {
      for (const c of written) out.push(`- \`${c.id.replace(/`/g, '')}\`: ${(c.attributes ?? []).map(mdText).join(', ')}`);
      out.push('');
    }
    out.push('</details>', '');
  }

  out.push('## Requirements', '', '| ID | level | area | status | checks |', '| --- | --- | --- | --- | --- |');
  for (const r of report.requirements) {
    const note = (r.status === 'na' || r.status === 'untested') && r.reason ? ` (${mdText(r.reason)})` : r.waiver ? ` (waiver until ${mdText(r.waiver.expires)}${r.waiver.expired ? ', expired' : ''})` : '';
    out.push(`| ${mdText(r.id)} | ${r.level} | ${mdText(r.area ?? '')} | ${status(r.status)}${note} | ${r.checks.map((c) => `\`${c.replace(/`/g, '')}\``).join(' ')} |`);
  }
  out.push('', '## Legend', '');
  for (const [s, text] of LEGEND) out.push(`- ${status(s)}: ${text}`);
  out.push('');
  return out.join('\n');
}
