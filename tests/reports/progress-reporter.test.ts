import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FullConfig, FullResult, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { ANNOTATION, EVIDENCE_ATTACHMENT } from '../../core/evidence.js';
import ProgressReporter from '../../reports/progress-reporter.js';

// Just the parts of Playwright's reporter objects the progress reporter reads: the check ID is an annotation.
const test = (id: string, title: string): TestCase =>
  ({ id, title, annotations: [{ type: ANNOTATION.checkId, description: `users/${id}` }], location: { file: '/repo/suites/_harness/check.ts' } }) as unknown as TestCase;
const result = (status: string): TestResult =>
  ({ status: 'passed', retry: 0, attachments: [{ name: EVIDENCE_ATTACHMENT, contentType: 'application/json', body: Buffer.from(JSON.stringify({ status })) }] }) as unknown as TestResult;
const root = { allTests: () => [test('a', 'A'), test('b', 'B')] } as unknown as Suite;

function run(isTTY: boolean, env: NodeJS.ProcessEnv): string {
  let text = '';
  const r = new ProgressReporter({ stream: { isTTY, columns: 80, write: (s: string) => { text += s; } }, env });
  r.onBegin({} as FullConfig, root);
  r.onTestBegin(test('a', 'Sends POST /Users'));
  r.onTestEnd(test('a', 'Sends POST /Users'), result('pass'));
  r.onTestBegin(test('b', 'Sends POST /Users twice'));
  r.onTestEnd(test('b', 'Sends POST /Users twice'), result('fail'));
  r.onEnd({} as FullResult);
  return text;
}

describe('progress reporter', () => {
  it('is quiet and line-oriented without a TTY', () => {
    assert.equal(run(false, {}), 'scim-conform: running 2 checks\n  FAIL users · Sends POST /Users twice\nscim-conform: 2/2 checks done (1 pass, 1 fail)\n', 'start, failures, count');
  });
  it('is line-oriented on a TTY when CI=true', () => {
    assert.equal(run(true, { CI: 'true' }).includes('\r'), false, 'no carriage returns in CI');
  });
  it('rewrites one live line on a TTY, naming the area from the check ID', () => {
    const out = run(true, {});
    assert.ok(out.includes('\r\u001b[2K[1/2] users · Sends POST /Users twice'), `live line with count and area: ${JSON.stringify(out)}`);
    assert.ok(out.endsWith('scim-conform: 2/2 checks done (1 pass, 1 fail)\n'), 'final count on its own line');
  });
});
