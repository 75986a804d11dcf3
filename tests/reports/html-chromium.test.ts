// Opens compliance.html (from the fixture) in Debian's Chromium: banner, counts, an exchange, the status filter,
// search, no console error, no network request, no dialog from the hostile values. Skips without /usr/bin/chromium.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { chromium } from '@playwright/test';
import { renderHtml } from '../../reports/render-html.js';
import { fixtureReport } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const SCREENSHOT = fileURLToPath(new URL('../../test-results/report-screenshot.png', import.meta.url));

describe('compliance.html in Chromium', () => {
  const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium) to run this test`;
  it('shows the verdict and counts, expands an exchange, filters by status, and stays offline', { skip, timeout: 60_000 }, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'scr-html-'));
    const file = join(dir, 'compliance.html');
    writeFileSync(file, renderHtml(fixtureReport()));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(file).href;
      await page.goto(url);

      assert.equal(await page.locator('#verdict h1').textContent(), 'Not ready for gallery onboarding', 'banner text');
      assert.match(await page.locator('#count-line').textContent() ?? '', /^8 checks: 2 FAIL · 1 warn · 1 ERROR · 1 blocked · 1 info · 1 n\/a · 1 pass$/, 'count line in the banner');
      assert.equal(await page.locator('#counts tr.count-fail td').first().textContent(), '2', 'failing checks in the counts table');
      assert.equal(await page.locator('svg.chart rect').count() > 0, true, 'the status chart is drawn');

      const check = page.locator('article.check', { hasText: 'users/create-duplicate-user' });
      const details = check.locator('details.exchange').nth(1);
      assert.equal(await details.locator('pre').first().isVisible(), false, 'exchange collapsed at first');
      await details.locator('summary').click();
      assert.notEqual(await details.getAttribute('open'), null, 'exchange expanded');
      assert.match(await details.locator('pre').nth(1).textContent() ?? '', /"displayName": "<script>alert\(1\)<\/script>"/, 'hostile body shown as text, pretty-printed');

      await page.locator('#controls button[data-filter="fail"]').click();
      const visibleStatuses = await Promise.all((await page.locator('[data-status]:visible').all()).map((l) => l.getAttribute('data-status')));
      assert.deepEqual([...new Set(visibleStatuses)], ['fail'], 'only failing rows and checks are visible');
      assert.equal(await page.locator('article.check:visible').count(), 1, 'one failing (unwaived) check');
      await page.locator('#controls button[data-filter="fail"]').click();
      await page.locator('#search').fill('manager');
      assert.deepEqual(await page.locator('article.check:visible code.id').allTextContents(), ['patch/manager'], 'search finds the manager check');
      await page.locator('#search').fill('');

      mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: SCREENSHOT });
      t.diagnostic(`screenshot: ${SCREENSHOT}`);

      assert.deepEqual(problems, [], 'no console error, page error or dialog');
      assert.deepEqual(requests.filter((r) => r !== url), [], 'no request besides the file itself');
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
