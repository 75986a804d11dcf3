import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateAllureHtml, stripAnalytics } from '../../reports/allure.js';
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
