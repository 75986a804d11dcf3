/**
 * `run --workers N` travels in the run configuration, not on Playwright's command line: the CLI resolves it
 * (by where the target is, without the flag) and playwright.config.ts reads it back from SCIM_CONFORM_CONFIG.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_WORKERS, RUN_ENV, type RunConfig } from '../../core/run-config.js';
import { resolveRunOptions } from '../../cli/run-options.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('without --workers a run gets the default for where its target is; with it, the number given', () => {
  assert.equal(DEFAULT_WORKERS.loopback < DEFAULT_WORKERS.remote, true, 'a remote endpoint gets more workers to overlap its wait');
  assert.equal(resolveRunOptions({}, {}, ROOT).workers, DEFAULT_WORKERS.loopback, 'the embedded reference app shares these cores');
  for (const url of ['http://localhost:8080/scim', 'http://127.0.0.2/scim', 'http://[::1]:9/scim']) {
    assert.equal(resolveRunOptions({ url, token: 't' }, {}, ROOT).workers, DEFAULT_WORKERS.loopback, `${url} is loopback`);
  }
  const remote = { url: 'https://scim.example.com/scim', token: 't', acceptSideEffects: true };
  assert.equal(resolveRunOptions(remote, {}, ROOT).workers, DEFAULT_WORKERS.remote, 'a remote endpoint');
  assert.equal(resolveRunOptions({}, { SCIM_URL: 'https://10.0.0.5/scim', SCIM_TOKEN: 't' }, ROOT).workers, DEFAULT_WORKERS.remote, 'a remote endpoint from SCIM_URL');
  assert.equal(resolveRunOptions({ ...remote, workers: 3 }, {}, ROOT).workers, 3, '--workers 3 wins over the remote default');
  assert.equal(resolveRunOptions({ workers: 3 }, {}, ROOT).workers, 3, '--workers 3');
  assert.throws(() => resolveRunOptions({ workers: 1.5 }, {}, ROOT), /--workers must be a positive whole number/, 'a fraction is refused');
});

/** What the Playwright config file resolves to in a fresh process with `env` (as Playwright's runner loads it). */
function loadedConfig(env: NodeJS.ProcessEnv): { code: number | null; stdout: string; stderr: string } {
  const script = "const c = (await import('./playwright.config.ts')).default; console.log(JSON.stringify({ workers: c.workers, outputDir: c.outputDir }));";
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('playwright.config.ts takes the workers and output folder from the run configuration, and refuses a bad one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scr-workers-'));
  try {
    const config: RunConfig = {
      url: 'http://127.0.0.1:9/', profile: 'entra', embedded: false, outDir: join(dir, 'out'), runPrefix: 'scr-w-', seed: 1, dialect: 'default',
      matchingAttribute: 'userName', groups: true, manager: false, roles: false, timeoutMs: 1000, workers: 3, only: [], skip: [],
      insecure: false, journalFile: join(dir, 'j.jsonl'), startedAt: new Date().toISOString(),
    };
    const file = join(dir, 'run.json');
    writeFileSync(file, JSON.stringify(config));
    const good = loadedConfig({ [RUN_ENV.config]: file });
    assert.equal(good.code, 0, `the config loads: ${good.stderr.slice(0, 300)}`);
    assert.deepEqual(JSON.parse(good.stdout), { workers: 3, outputDir: join(dir, 'out', 'test-results') }, 'workers and output folder from the file');

    writeFileSync(file, JSON.stringify({ ...config, workers: 0 }));
    const bad = loadedConfig({ [RUN_ENV.config]: file });
    assert.notEqual(bad.code, 0, 'a bad worker count stops the config from loading');
    assert.match(bad.stderr, /HARNESS_CONFIG|"workers" must be a positive whole number/, 'naming the field');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
