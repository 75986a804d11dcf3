import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyVerdictsToAllure, generateAllureHtml, stripAnalytics } from '../../reports/allure.js';
import { ALLURE_ATTRIBUTES_LABEL, ALLURE_VERDICT_LABEL } from '../../core/evidence.js';
import { FIXTURES } from './helpers.js';

describe('generateAllureHtml', () => {
  it('turns a small allure-results folder into an HTML report, offline and without analytics', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scr-allure-'));
    try {
      const out = join(dir, 'allure-report');
      await generateAllureHtml(join(FIXTURES, 'allure-sample'), out);
      assert.ok(existsSync(join(out, 'index.html')), 'index.html written');
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { stats: { total: number; failed: number; passed: number } };
      assert.deepEqual(summary.stats, { total: 2, failed: 1, passed: 1 }, 'both fixture results are in the report');
      const html = readFileSync(join(out, 'index.html'), 'utf8');
      assert.equal(html.includes('googletagmanager'), false, 'no analytics loader');
      assert.equal(html.includes('gtag('), false, 'no analytics configuration');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('strips only the analytics scripts', () => {
    const html = '<script>window.allure = {};</script>\n<script async src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>\n<script>\n function gtag(){dataLayer.push(arguments);}\n gtag("js", new Date());\n</script>\n<div id="app"></div>';
    assert.equal(stripAnalytics(html), '<script>window.allure = {};</script>\n<div id="app"></div>', 'app script kept, analytics removed');
  });
});

describe('applyVerdictsToAllure', () => {
  it('gives failed and erroring checks their Allure status back and leaves every other result alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scr-allure-verdicts-'));
    try {
      const result = (status: string, verdict?: string): string => JSON.stringify({
        name: `a ${verdict ?? 'plain'} check`, status,
        labels: [{ name: 'epic', value: 'users' }, ...(verdict ? [{ name: ALLURE_VERDICT_LABEL, value: verdict }] : [])],
      });
      const files: Record<string, string> = {
        'a-result.json': result('passed', 'fail'),
        'b-result.json': result('passed', 'error'),
        'c-result.json': result('passed', 'warn'),
        'd-result.json': result('skipped', 'na'),
        'e-result.json': result('passed'),
        'f-result.json': '{ not json',
        'g-attachment.json': result('passed', 'fail'),
      };
      for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
      assert.equal(applyVerdictsToAllure(dir), 2, 'two results changed');
      const status = (name: string): string => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { status: string }).status;
      assert.equal(status('a-result.json'), 'failed', 'a failed check is failed');
      assert.equal(status('b-result.json'), 'broken', 'an erroring check is broken');
      assert.equal(status('c-result.json'), 'passed', 'a warning stays passed (a SHOULD never fails the run)');
      assert.equal(status('d-result.json'), 'skipped', 'n/a stays skipped');
      assert.equal(status('e-result.json'), 'passed', 'a result without a verdict label is left alone');
      assert.equal(readFileSync(join(dir, 'f-result.json'), 'utf8'), '{ not json', 'an unreadable file is left as it was');
      assert.equal(status('g-attachment.json'), 'passed', 'only *-result.json files are results');
      assert.equal(applyVerdictsToAllure(join(dir, 'missing')), 0, 'a missing folder is nothing to do');
      writeFileSync(join(dir, 'h-result.json'), JSON.stringify({ status: 'passed', labels: [{ name: ALLURE_ATTRIBUTES_LABEL, value: 'title, preferredLanguage' }] }));
      assert.equal(applyVerdictsToAllure(dir), 1, 'the result with attributes changed, the others are already right');
      const h = JSON.parse(readFileSync(join(dir, 'h-result.json'), 'utf8')) as { parameters?: unknown };
      assert.deepEqual(h.parameters, [{ name: 'attributes', value: 'title, preferredLanguage' }], 'the attributes a check wrote are an Allure parameter');
      assert.equal(applyVerdictsToAllure(dir), 0, 'applying twice changes nothing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
