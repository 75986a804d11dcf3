/**
 * The console group: how long the provisioning console's logs and directory pages take at 100 000 users, as a
 * ratio to the JSON API call alone that feeds them — what the page adds (mounting, rendering 50 rows) on top of the
 * server's paged query. Both sides are timed inside the same Chromium tab (fetch vs. a hash change until the table
 * holds its rows), so neither carries Playwright's round trips. The state is a 100 000-user directory after one
 * initial cycle against the stub endpoint (one log entry per user). Needs Debian's /usr/bin/chromium.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { createAgent, createScimClient } from '../core/client/scim-client.js';
import { staticToken } from '../core/client/oauth.js';
import { startConsole } from '../console/server.js';
import { importDirectory, loadDirectoryGenerator, loadMappings, openDb, ProvisioningJob } from '../mock-idp/index.js';
import { measured, median, notMeasured, ratio, type Figure } from './figures.js';
import { serveBenchServer } from './proc.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The page may take at most this many times the API call it shows: the rest is mounting and 50 rows. */
const GOAL = { op: '<=' as const, limit: 3 };
const ROUNDS = 7;

export async function consoleFigures(log: (s: string) => void, users: number): Promise<Figure[]> {
  const names = { logs: `console logs page / JSON API at ${users} users`, directory: `console directory page / JSON API at ${users} users` };
  if (!existsSync(CHROMIUM)) return Object.values(names).map((n) => notMeasured(n, 'ratio', GOAL, `${CHROMIUM} is absent (apt-get install -y chromium)`));
  const dir = mkdtempSync(join(tmpdir(), 'bench-console-'));
  const db = openDb(join(dir, 'idp.db'));
  const stub = await serveBenchServer('./stub-scim.ts');
  try {
    log(`console: generating and importing ${users} users`);
    importDirectory(db, (await loadDirectoryGenerator())({ users, groups: Math.ceil(users / 100), seed: 5, scope: 'all' }));
    log('console: one initial cycle against the stub (a log entry per object)');
    const client = createScimClient({ baseUrl: stub.url, token: staticToken(stub.token), dispatcher: createAgent({ connections: 16 }) });
    const cycle = await new ProvisioningJob({ db, client, mappings: loadMappings(), dialect: 'default', concurrency: 16 }).runCycle();
    const server = await startConsole({ db, stateName: 'bench' });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}#/overview`);
      await page.locator('#cycle-status').waitFor();
      const figures: Figure[] = [];
      for (const [key, hash, api, rows] of [
        ['logs', '#/logs', '/api/logs?offset=0&limit=50', '#log-table tbody tr'],
        ['directory', '#/directory', '/api/directory?type=user&offset=0&limit=50', '#dir-table tbody tr'],
      ] as const) {
        const apiMs: number[] = [];
        const pageMs: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          apiMs.push(await timeFetch(page, api));
          pageMs.push(await timeView(page, hash, rows));
        }
        const a = median(apiMs);
        const p = median(pageMs);
        log(`console: ${key}: page ${p.toFixed(1)} ms, API ${a.toFixed(1)} ms`);
        figures.push(measured(names[key], ratio(p, a), 'ratio', GOAL, { users, pageMs: round1(p), apiMs: round1(a), rounds: ROUNDS, logEntries: cycle.created + cycle.skipped + cycle.failed }));
      }
      return figures;
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    db.close();
    await stub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The API call alone, as the page's own fetch makes it (body read and parsed). */
async function timeFetch(page: Page, path: string): Promise<number> {
  return page.evaluate(`(async () => { const t = performance.now(); const r = await fetch(${JSON.stringify(path)}); await r.json(); return performance.now() - t; })()`);
}

/** From the hash change to the table holding its 50 rows (leaving for the overview first, so the view mounts anew). */
async function timeView(page: Page, hash: string, rows: string): Promise<number> {
  await page.evaluate(`location.hash = '#/overview'`);
  await page.locator('#cycle-status').waitFor();
  // A MutationObserver sees the rows the moment preact inserts them (polling by animation frame would round up
  // to the next frame, ~16 ms, a large share of a 25 ms view).
  return page.evaluate(`new Promise((resolve) => {
    const t = performance.now();
    const done = () => document.querySelectorAll(${JSON.stringify(rows)}).length >= 50;
    const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(performance.now() - t); } });
    observer.observe(document.body, { childList: true, subtree: true });
    location.hash = ${JSON.stringify(hash)};
  })`);
}
