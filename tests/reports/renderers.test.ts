import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderHtml } from '../../reports/render-html.js';
import { parseReport, renderJson } from '../../reports/render-json.js';
import { renderJunit } from '../../reports/render-junit.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { renderValidator } from '../../reports/render-validator.js';
import { REPORT_FILES, writeReports } from '../../reports/write-reports.js';
import { fixtureReport, matchSnapshot } from './helpers.js';

const HOSTILE = '<script>alert(1)</script>';

describe('renderer snapshots (fixtures/records.json)', () => {
  const report = fixtureReport();
  it('compliance.json', () => matchSnapshot('compliance.json', renderJson(report)));
  it('compliance.html', () => matchSnapshot('compliance.html', renderHtml(report)));
  it('compliance.md', () => matchSnapshot('compliance.md', renderMarkdown(report)));
  it('junit.xml', () => matchSnapshot('junit.xml', renderJunit(report)));
  it('validator-results.json', () => matchSnapshot('validator-results.json', renderValidator(report)));
});

describe('compliance.json', () => {
  it('round-trips through parseReport', () => {
    const report = fixtureReport();
    assert.deepEqual(parseReport(renderJson(report), 'fixture'), report, 'JSON is the model, nothing more or less');
    assert.throws(() => parseReport('{"schemaVersion":2}', 'x.json'), /not a scim-conform compliance.json/, 'other files are rejected');
  });
});

describe('the Okta variant', () => {
  it('is named in the HTML and Markdown header of an Okta report, and nowhere in an Entra one', () => {
    const entra = fixtureReport();
    assert.equal(/Okta:/.test(renderHtml(entra) + renderMarkdown(entra)), false, 'no variant without options.okta');
    const report = { ...entra, profile: 'okta' as const, options: { ...entra.options, okta: { userUpdates: 'patch' as const, mode: 'oin' as const } } };
    assert.match(renderHtml(report), /<p class="meta">[^<]*· Okta: OIN app, profile updates by PATCH<\/p>/, 'HTML header');
    assert.match(renderMarkdown(report), /^Target: .* · Okta: OIN app, profile updates by PATCH$/m, 'Markdown header');
    const aiw = { ...report, options: { ...report.options, okta: { userUpdates: 'put' as const, mode: 'aiw' as const } } };
    assert.match(renderMarkdown(aiw), /· Okta: App Integration Wizard app \(PUT for every update\)$/m, 'AIW named as such');
  });
});

describe('messages', () => {
  it('do not repeat Expected, Actual and Fix, which every format shows on their own', () => {
    const html = renderHtml(fixtureReport());
    const pre = /<pre class="message">([^<]*)<\/pre>/.exec(html.slice(html.indexOf('id="check-users-create-duplicate-user"')))?.[1] ?? '';
    assert.ok(pre.includes('Exchange: #2'), `other lines stay: ${pre}`);
    assert.equal(/Expected:|Actual: |Fix:/.test(pre), false, `structured lines removed: ${pre}`);
  });
});

describe('hostile endpoint values', () => {
  const report = fixtureReport();
  it('are escaped in HTML: body, header, title and message', () => {
    const html = renderHtml(report);
    assert.equal(html.includes(HOSTILE), false, 'no raw <script>alert(1)</script> anywhere');
    assert.equal(html.includes('<img src=x'), false, 'no raw <img> from the actual value');
    assert.equal((html.match(/<script\b/g) ?? []).length, 1, 'exactly one script element: our own');
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;';
    assert.ok(html.includes(`x-evil: ${escaped}`), 'the hostile header is shown escaped');
    assert.ok(html.includes(`&quot;displayName&quot;: &quot;${escaped}&quot;`), 'the hostile body is shown escaped and pretty-printed');
    assert.ok(html.includes(`same userName ${escaped}`), 'the hostile title is shown escaped');
    assert.ok(html.includes(`Actual detail: ${escaped}`), 'the hostile message is shown escaped');
    assert.match(html, /Content-Security-Policy" content="default-src 'none';[^"]*script-src 'sha256-/, 'a CSP pins the inline script');
  });
  it('are escaped in Markdown outside code blocks', () => {
    const md = renderMarkdown(report);
    const outsideFences = md.replace(/^(~{3,})text\n[\s\S]*?\n\1$/gm, '');
    assert.equal(outsideFences.includes('<script>'), false, 'no raw HTML outside fenced blocks');
    assert.ok(md.includes('Actual detail: <script>alert(1)</script>'), 'messages keep their text inside fenced blocks');
  });
  it('leave junit.xml well-formed, with invalid XML characters replaced', () => {
    const xml = renderJunit(report);
    assert.equal(XMLValidator.validate(xml), true, 'junit.xml is well-formed XML');
    assert.equal(/[\u0001\u001b]/.test(xml), false, 'control characters from the body are replaced');
  });
});

interface JUnitCase {
  '@_name': string;
  '@_classname': string;
  properties: { property: { '@_name': string; '@_value': string }[] };
  failure?: { '@_message': string; '@_type': string; '#text'?: string };
  error?: { '@_message': string; '@_type': string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}

describe('junit.xml semantics (parsed)', () => {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });
  type Property = { '@_name': string; '@_value': string };
  type Suite = { '@_name': string; '@_tests': string; testcase?: JUnitCase[]; properties?: { property: Property[] } };
  const doc = parser.parse(renderJunit(fixtureReport())) as { testsuites: { '@_failures': string; '@_errors': string; '@_skipped': string; testsuite: Suite[] } };
  const cases = doc.testsuites.testsuite.flatMap((s) => s.testcase ?? []);
  const byCheck = (id: string): JUnitCase => {
    const c = cases.find((x) => x.properties.property.some((p) => p['@_name'] === 'check-id' && p['@_value'] === id));
    assert.ok(c, `a testcase for ${id}`);
    return c;
  };

  it('files a MUST failure as <failure> and a target error as <error>', () => {
    const fail = byCheck('users/create-duplicate-user');
    assert.ok(fail.failure, 'failing MUST check → <failure>');
    assert.equal(fail.error, undefined, 'a failure is not an error');
    assert.equal(fail.failure['@_type'], 'SCIM_STATUS', 'failure type is the error code');
    const error = byCheck('filter/filter-no-match');
    assert.ok(error.error, 'target timeout → <error>');
    assert.equal(error.failure, undefined, 'an error is not a failure');
    assert.equal(error.error['@_type'], 'TARGET_TIMEOUT', 'error type is the error code');
  });

  it('skips n/a, blocked and waived checks with the reason', () => {
    assert.match(byCheck('transport/tls-version').skipped?.['@_message'] ?? '', /^n\/a: the target URL is http/, 'n/a reason');
    assert.match(byCheck('patch/manager').skipped?.['@_message'] ?? '', /^blocked by users\/create-duplicate-user/, 'blocked by X');
    assert.match(byCheck('patch/add-attributes').skipped?.['@_message'] ?? '', /^waived until 2099-12-31/, 'waived until');
  });

  it('lets a SHOULD warning pass with a note', () => {
    const warn = byCheck('errors/error-format');
    assert.equal(warn.failure ?? warn.error ?? warn.skipped, undefined, 'a warning neither fails, errors nor skips');
    assert.match(warn['system-out'] ?? '', /^WARNING \(SHOULD broken/, 'system-out carries the warning');
  });

  it('carries the gallery checklist as properties of an empty suite', () => {
    const gallery = doc.testsuites.testsuite.find((s) => s['@_name'] === 'gallery-checklist');
    assert.equal(gallery?.['@_tests'], '0', 'no testcases, so nothing is counted twice');
    const rate = gallery?.properties?.property.find((p) => p['@_name'] === 'gallery:rate-25rps');
    assert.match(rate?.['@_value'] ?? '', /^proven \(required\)/, 'item status and need');
  });

  it('carries requirement IDs and level as properties, classname = area', () => {
    const c = byCheck('users/create-user');
    const props = c.properties.property.map((p) => `${p['@_name']}=${p['@_value']}`);
    for (const p of ['requirement=USER-CREATE', 'requirement=RESOURCE-ID', 'level=MUST']) assert.ok(props.includes(p), `property ${p} in ${props.join(', ')}`);
    assert.equal(c['@_classname'], 'users', 'classname is the area');
    assert.deepEqual([doc.testsuites['@_failures'], doc.testsuites['@_errors'], doc.testsuites['@_skipped']], ['1', '1', '3'], 'suite totals');
  });
});

describe('validator-results.json', () => {
  const out = JSON.parse(renderValidator(fixtureReport())) as { results: { data: Record<string, unknown> & { PassedTests: { Description: string }[]; FailedTests: { Description: string; HasTestPassed: boolean }[]; SFComplianceFailed: boolean } } };
  const data = out.results.data;
  it('sorts validator tests by the outcome of their counterpart checks', () => {
    assert.deepEqual(data.PassedTests.map((t) => t.Description), ['Create a new User'], 'passing counterpart');
    assert.deepEqual(data.FailedTests.map((t) => t.Description).sort(),
      ['Create a duplicate User', 'Filter for a non-existing user', 'Patch User - Add Manager', 'Patch User - Replace Attributes'],
      'fail, error, blocked and waived all fail in the validator');
    assert.equal(data.SFComplianceFailed, true, 'a failed scored test sets SFComplianceFailed');
    assert.match(String(data.WarningMessage), /not a Microsoft SCIM Validator result/, 'says it is a prediction');
  });
  it('numbers $id uniquely, as the validator does', () => {
    const ids = [...renderValidator(fixtureReport()).matchAll(/"\$id": "(\d+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, 'unique $id values');
  });
});

describe('writeReports', () => {
  it('writes every format and appends Markdown to $GITHUB_STEP_SUMMARY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scr-write-'));
    try {
      const summary = join(dir, 'step-summary.md');
      writeFileSync(summary, 'earlier step\n');
      const written = writeReports(fixtureReport(), join(dir, 'out'), { githubStepSummary: summary });
      assert.deepEqual(written.map((p) => p.slice(join(dir, 'out').length + 1)).sort(), Object.values(REPORT_FILES).sort(), 'all five files');
      const text = readFileSync(summary, 'utf8');
      assert.ok(text.startsWith('earlier step\n# '), 'appended, not overwritten');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
