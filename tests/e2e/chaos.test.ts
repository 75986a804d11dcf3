/**
 * (d) Against every kind of hostile endpoint, a narrow run of the real CLI ends, in bounded time, with exit 1 and a
 * full report in which each selected check has a verdict. Plus: the SCIM client never follows a redirect, so
 * credentials never travel to where a redirect points.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScimClient } from '../../core/client/scim-client.js';
import { staticToken } from '../../core/client/oauth.js';
import type { ComplianceReport } from '../../reports/model.js';
import { REPORT_FILES } from '../../reports/write-reports.js';
import { CHAOS_MODES, startChaosServer, type ChaosServer } from './chaos-server.js';
import { runCliProcess } from './cli-process.js';

const TOKEN = 'chaos-token-0123456789';
const REQUEST_TIMEOUT_MS = 1500;
/**
 * A run here costs ~8 s on an idle 2-core machine (CLI, Playwright and one worker starting, a few 1.5 s timeouts,
 * capped retry waits) and up to ~60 s on one shared with other test runs. The bound is what no hang fits into:
 * the slow mode holds each answer for 5 times the bound and the 429 storm asks for an hour's wait.
 */
const RUN_BOUND_MS = 120_000;
/**
 * Each check must end well inside Playwright's own 60 s test timeout: that proves --timeout and the retry cap are
 * honoured by the client, not rescued by Playwright.
 */
const CHECK_BOUND_MS = 30_000;

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'chaos-e2e-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('a narrow run against a hostile endpoint ends with a full report', { concurrency: 2 }, () => {
  for (const mode of CHAOS_MODES) {
    test(mode, async () => {
      const server = await startChaosServer(mode, { slowMs: 5 * RUN_BOUND_MS });
      try {
        const out = join(dir, mode);
        const res = await runCliProcess(
          ['run', '--url', server.url, '--only', 'USER-CREATE', '--timeout', String(REQUEST_TIMEOUT_MS), '--workers', '1', '--out', out],
          { env: { SCIM_TOKEN: TOKEN }, limitMs: RUN_BOUND_MS + 60_000 },
        );
        assert.ok(res.ms < RUN_BOUND_MS, `the run ends within ${RUN_BOUND_MS} ms (took ${res.ms} ms)`);
        assert.equal(res.code, 1, `exit 1: a MUST check cannot pass here (stdout: ${res.stdout} stderr: ${res.stderr})`);
        for (const file of Object.values(REPORT_FILES)) assert.ok(existsSync(join(out, file)), `${file} is written`);
        const report = JSON.parse(readFileSync(join(out, REPORT_FILES.json), 'utf8')) as ComplianceReport;
        assert.ok(report.checks.length >= 1, 'the selected check is in the report');
        for (const c of report.checks) {
          assert.ok(['fail', 'error', 'blocked'].includes(c.status), `${c.id} is ${c.status}, not a pass`);
          assert.ok(c.message, `${c.id} says why`);
          assert.ok(!c.errorCode?.startsWith('HARNESS_'), `${c.id} is the target's fault, not ours: ${c.errorCode} ${c.message}`);
          assert.ok(c.durationMs < CHECK_BOUND_MS, `${c.id} ends within ${CHECK_BOUND_MS} ms (took ${c.durationMs} ms)`);
          if (mode === 'slow') assert.equal(c.errorCode, 'TARGET_TIMEOUT', `${c.id} errors with TARGET_TIMEOUT`);
        }
        assert.equal(report.verdict, 'not-ready', 'the verdict is not-ready');
        assert.ok(!res.stdout.includes(TOKEN) && !res.stderr.includes(TOKEN), 'the token is not printed');
        if (mode === 'redirect') {
          assert.ok(!server.requests.some((r) => r.path.startsWith('/elsewhere')), 'no redirect was followed');
        }
      } finally {
        await server.close();
      }
    });
  }
});

describe('redirects are never followed with credentials', () => {
  let server: ChaosServer;
  before(async () => {
    server = await startChaosServer('redirect');
  });
  after(() => server.close());

  test('the core client returns the 302 as it is and sends nothing to its Location', async () => {
    const client = createScimClient({ baseUrl: server.url, token: staticToken(TOKEN), secrets: [TOKEN] });
    const res = await client.send({ method: 'GET', path: '/Users' });
    assert.equal(res.status, 302, 'the redirect is the answer');
    assert.equal(server.requests.length, 1, 'exactly one request reached the server');
    assert.ok(server.requests[0]?.authorized, 'the one request carried the token');
    assert.ok(!server.requests.some((r) => r.path.startsWith('/elsewhere')), 'nothing went to the redirect target');
  });
});
