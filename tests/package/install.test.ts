/**
 * The package installed the way a user installs it (`npm pack`, then `npm install --omit=dev <tarball>` into an
 * empty project), run from there: the embedded app through npx, a `serve` of the installed package tested with
 * `run --url`, the emulator's generate and sync, its console (page, modules, API), the GitHub Action's script (action/run.js) on that package,
 * --help, and a better-sqlite3 whose native part is missing.
 * The first run after a change packs (tsc via prepack, about half a minute); an unchanged tree reuses the tarball.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComplianceReport } from '../../reports/model.js';
import { REPORT_FILES } from '../../reports/write-reports.js';
import { runCliProcess, startCli, type CliProcess } from '../e2e/cli-process.js';
import { installPacked, type InstalledPackage } from './packed.js';

const TOKEN = 'packed-token-0123456789abcdef';
const ACTION_SCRIPT = fileURLToPath(new URL('../../action/run.js', import.meta.url));
let pkg: InstalledPackage;

before(async () => {
  pkg = await installPacked();
});
after(() => pkg?.remove());

const readReport = (dir: string): ComplianceReport => JSON.parse(readFileSync(join(dir, REPORT_FILES.json), 'utf8')) as ComplianceReport;

test('the installed package ships compiled JavaScript and its run-time files, and no TypeScript or TypeScript runtime', () => {
  const installed = join(pkg.project, 'node_modules', 'scim-conform');
  const shipped = readdirSync(installed, { recursive: true, encoding: 'utf8' }).filter((f) => !f.startsWith('node_modules'));
  assert.deepEqual(shipped.filter((f) => f.endsWith('.ts')), [], 'no .ts file is shipped');
  for (const file of ['dist/cli/main.js', 'dist/playwright.config.js', 'dist/suites/users/create-user.spec.js', 'dist/core/schemas/validators.generated.cjs', 'dist/mock-idp/mappings/default-mappings.json']) {
    assert.ok(shipped.includes(file), `${file} is shipped`);
  }
  for (const dev of ['tsx', 'esbuild', 'typescript']) {
    assert.ok(!existsSync(join(pkg.project, 'node_modules', dev)), `${dev} is not installed with the package`);
  }
  // The project allows better-sqlite3 alone, as the README says: npm 11 names any other install script it meets.
  assert.doesNotMatch(pkg.installLog, /not yet covered by allowScripts/, 'better-sqlite3 is the only install script users must allow');
});

test('--help and --version work from the installed package', async () => {
  const help = await runCliProcess(['--help'], { bin: pkg.bin, cwd: pkg.project });
  assert.equal(help.code, 0, `--help exits 0 (stderr: ${help.stderr})`);
  for (const command of ['run', 'serve', 'list', 'idp']) assert.match(help.stdout, new RegExp(`scim-conform ${command}`), `--help lists ${command}`);
  const version = await runCliProcess(['--version'], { bin: pkg.bin, cwd: pkg.project });
  const { version: expected } = JSON.parse(readFileSync(join(pkg.project, 'node_modules', 'scim-conform', 'package.json'), 'utf8')) as { version: string };
  assert.equal(version.stdout.trim(), expected, '--version prints the package version');
});

test('list from the package names the same checks as the clone: IDs, titles, levels and requirements', async () => {
  const identity = (stdout: string): string[] =>
    (JSON.parse(stdout) as Array<{ id: string; title: string; level: string; requirements: string[] }>).map((c) => `${c.id} ${c.level} [${c.requirements.join(',')}] ${c.title}`).sort();
  const [packed, clone] = await Promise.all([
    runCliProcess(['list', '--json'], { bin: pkg.bin, cwd: pkg.project }),
    runCliProcess(['list', '--json']),
  ]);
  assert.equal(packed.code, 0, `list exits 0 from the package (stderr: ${packed.stderr})`);
  const checks = identity(packed.stdout);
  assert.ok(checks.length > 50, `the package lists every check (${checks.length})`);
  assert.deepEqual(checks, identity(clone.stdout), 'the compiled suites are the same checks as the sources');
});

test('npx scim-conform run in a folder of the project: the embedded app is ready, exit 0, the report lands in that folder', async () => {
  const cwd = join(pkg.project, 'ci');
  mkdirSync(cwd);
  // --no: npx must use the installed package, never fetch one
  const res = await runCliProcess(['--no', 'scim-conform', 'run'], { command: 'npx', cwd, limitMs: 240_000 });
  assert.equal(res.code, 0, `exit 0 (stdout: ${res.stdout} stderr: ${res.stderr})`);
  assert.match(res.stdout, /Verdict: READY/, 'prints the ready verdict');
  const report = readReport(join(cwd, 'scim-conform-report'));
  assert.equal(report.verdict, 'ready', 'compliance.json in <cwd>/scim-conform-report says ready');
  assert.ok(report.target.embedded, 'the embedded app was tested');
  assert.ok(report.checks.length > 50, `every check ran (${report.checks.length})`);
});

describe('against a serve started from the installed package', () => {
  let serve: CliProcess;
  let url = '';

  before(async () => {
    serve = startCli(['serve', '--token', TOKEN], { bin: pkg.bin, cwd: pkg.project, limitMs: 600_000 });
    await serve.waitFor(/Ctrl-C stops the server/);
    url = serve.stdout().split('\n')[0] ?? '';
  });
  after(async () => {
    serve.child.kill('SIGINT');
    await serve.done;
  });

  test('run --url … --token …: ready, exit 0, the report in --out relative to the cwd', async () => {
    const res = await runCliProcess(['run', '--url', url, '--token', TOKEN, '--out', 'url-report'], { bin: pkg.bin, cwd: pkg.project, limitMs: 240_000 });
    assert.equal(res.code, 0, `exit 0 (stdout: ${res.stdout} stderr: ${res.stderr})`);
    const report = readReport(join(pkg.project, 'url-report'));
    assert.equal(report.verdict, 'ready', 'the reference app is ready');
    assert.equal(report.target.url, url, 'the report names the target');
    assert.ok(!readFileSync(join(pkg.project, 'url-report', REPORT_FILES.json), 'utf8').includes(TOKEN), 'the token is not in the report');
  });

  test('idp generate and idp sync: exit 0, the users provisioned', async () => {
    const generated = await runCliProcess(['idp', 'generate', '--users', '20', '--groups', '3', '--seed', '7', '--out', 'directory.json'], { bin: pkg.bin, cwd: pkg.project });
    assert.equal(generated.code, 0, `generate exits 0 (stderr: ${generated.stderr})`);
    assert.ok(existsSync(join(pkg.project, 'directory.json')), 'the directory file is written relative to the cwd');
    const synced = await runCliProcess(['idp', 'sync', '--url', url, '--token', TOKEN, '--directory', 'directory.json', '--state', 'idp.db'], { bin: pkg.bin, cwd: pkg.project, limitMs: 120_000 });
    assert.equal(synced.code, 0, `sync exits 0 (stdout: ${synced.stdout} stderr: ${synced.stderr})`);
    const users = (await (await fetch(`${url}/Users?count=1`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { totalResults: number };
    assert.ok(users.totalResults >= 20, `the 20 generated users are on the target (${users.totalResults})`);
  });

  test('the GitHub Action\'s script, given its inputs as the runner does: outputs, job summary and the CLI\'s exit code', async () => {
    const ok = await runAction({ INPUT_URL: url, INPUT_TOKEN: TOKEN, INPUT_ONLY: 'USER-CREATE,\nCONN-TEST', INPUT_OUT: 'report' });
    assert.equal(ok.code, 0, `exit 0 like the CLI (stdout: ${ok.stdout} stderr: ${ok.stderr})`);
    const report = readReport(join(ok.workspace, 'report'));
    assert.equal(ok.outputs.verdict, 'incomplete', 'verdict output: a selection is incomplete');
    assert.equal(ok.outputs.pass, String(report.summary.pass), 'pass output: the report\'s count');
    assert.ok(Number(ok.outputs.pass) >= 2, `the checks of both selected requirements passed (${ok.outputs.pass})`);
    assert.equal(ok.outputs.fail, '0', 'fail output');
    assert.equal(ok.outputs['exit-code'], '0', 'exit-code output');
    assert.equal(ok.outputs['report-dir'], join(ok.workspace, 'report'), 'report-dir: --out resolved against the workspace');
    assert.match(ok.summary, /^# .* SCIM compliance: /m, 'the job summary holds compliance.md');
    assert.deepEqual(ok.stdout.split('\n').filter((l) => l.includes(TOKEN)), [`::add-mask::${TOKEN}`], 'the token shows only in the add-mask command');

    const down = await runAction({ INPUT_URL: 'http://127.0.0.1:9/scim/v2', INPUT_TOKEN: TOKEN, INPUT_ONLY: 'CONN-TEST' });
    assert.equal(down.code, 1, `an unreachable target fails the step, exit 1 (stderr: ${down.stderr})`);
    assert.equal(down.outputs.verdict, 'not-ready', 'verdict output not-ready');
    assert.ok(Number(down.outputs.error) >= 1, `error output counts the errored checks (${down.outputs.error})`);
    assert.equal(down.outputs['exit-code'], '1', 'exit-code output 1');

    const usage = await runAction({ INPUT_URL: url, INPUT_TOKEN: TOKEN, INPUT_DIALECT: 'klingon' });
    assert.equal(usage.code, 2, `a usage error exits 2 (stderr: ${usage.stderr})`);
    assert.equal(usage.outputs.verdict, undefined, 'no verdict output without a report');
    assert.match(usage.summary, /no report/, 'the job summary says no report was written');
  });
});

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  workspace: string;
  outputs: Record<string, string>;
  summary: string;
}

/** action/run.js in a new workspace folder with temporary $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY files. */
async function runAction(inputs: Record<string, string>): Promise<ActionRun> {
  const workspace = mkdtempSync(join(pkg.project, 'workspace-'));
  const output = join(workspace, 'github-output');
  const summaryFile = join(workspace, 'step-summary.md');
  writeFileSync(output, '');
  writeFileSync(summaryFile, '');
  const res = await runCliProcess([], {
    bin: ACTION_SCRIPT,
    cwd: workspace,
    env: { ...inputs, SCIM_CONFORM_BIN: pkg.bin, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summaryFile },
    limitMs: 180_000,
  });
  const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { ...res, workspace, outputs, summary: readFileSync(summaryFile, 'utf8') };
}

test('idp console from the installed package: the page, its modules and the API against the embedded app', async () => {
  const app = startCli(['idp', 'console', '--state', 'console.db', '--embedded'], { bin: pkg.bin, cwd: pkg.project, limitMs: 120_000 });
  try {
    await app.waitFor(/Ctrl-C stops the console/);
    const url = app.stdout().split('\n')[0] ?? '';
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/, `the console's address comes first (${url})`);
    const page = await fetch(url);
    assert.equal(page.status, 200, 'the page');
    assert.match(await page.text(), /<script type="importmap">/, 'with its import map');
    for (const asset of ['page/main.js', 'page/overview.js', 'page/style.css', 'vendor/preact.mjs', 'vendor/preact-hooks.mjs', 'vendor/htm.mjs']) {
      const res = await fetch(new URL(asset, url));
      assert.equal(res.status, 200, `${asset} is served from the package`);
    }
    const test = await fetch(new URL('api/test-connection', url), { method: 'POST', headers: { 'x-scim-conform-console': '1', 'content-type': 'application/json' }, body: '{}' });
    assert.equal(((await test.json()) as { ok: boolean }).ok, true, 'Test Connection against the embedded app passes');
  } finally {
    app.child.kill('SIGINT');
    await app.done;
  }
});

test('a better-sqlite3 whose native part did not install: run says how to fix it, exit 2', async () => {
  const build = join(pkg.project, 'node_modules', 'better-sqlite3', 'build');
  renameSync(build, `${build}.away`);
  try {
    const res = await runCliProcess(['run', '--url', 'http://127.0.0.1:9/scim/v2', '--token', TOKEN], { bin: pkg.bin, cwd: pkg.project });
    assert.equal(res.code, 2, `exit 2, a configuration error (stderr: ${res.stderr})`);
    assert.equal(res.stderr.trim().split('\n').length, 1, 'one line');
    assert.match(res.stderr, /better-sqlite3 cannot be loaded .*"allowScripts": \{"better-sqlite3": true\}.*npm rebuild better-sqlite3/, 'names the cause and the fix');
  } finally {
    renameSync(`${build}.away`, build);
  }
});
