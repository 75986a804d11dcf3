/**
 * The container image (Dockerfile): its contract with the README checked on every machine; built and run where a
 * container engine answers `docker info`, skipped with the reason where none does. Run: `--help`, then `run --url`
 * against a `serve` of this clone on the host's loopback (--network host), the report written to a mounted folder
 * by the image's non-root user.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComplianceReport } from '../../reports/model.js';
import { REPORT_FILES } from '../../reports/write-reports.js';
import { startCli } from '../e2e/cli-process.js';
import { exec } from './packed.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IMAGE = 'scim-conform:self-test';
const TOKEN = 'docker-token-0123456789abcdef';

/** Why no image can be built here, or undefined when a container engine answers. */
function noEngine(): string | undefined {
  const info = spawnSync('docker', ['info'], { encoding: 'utf8', timeout: 30_000 });
  if (info.error) return `no docker client (${info.error.message})`;
  if (info.status !== 0) return `docker info failed: ${(info.stderr || info.stdout).trim().split('\n').at(-1)}`;
  return undefined;
}

const skip = noEngine();

test('the Dockerfile keeps what the README relies on: the packed package installed without dev dependencies, a slim base, a non-root user, scim-conform as entry point, /report', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const last = stages.at(-1) ?? '';
  assert.match(last, /^node:\d+-[a-z]+-slim\b/, 'the image runs on a slim Node base');
  assert.match(dockerfile, /RUN npm pack\b/, 'the package is packed as for the registry');
  assert.match(dockerfile, /npm install --omit=dev [^\n]*scim-conform-\*\.tgz/, 'and installed from the tarball without dev dependencies');
  assert.match(last, /^USER (?!root\b|0\b)\w+/m, 'the last stage runs as a non-root user');
  assert.match(last, /^ENTRYPOINT \["scim-conform"\]/m, 'the entry point is the CLI');
  assert.match(last, /^WORKDIR \/report$/m, 'the report folder the README mounts');
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.match(readme, /docker run --rm -e SCIM_TOKEN -v "\$PWD\/scim-report:\/report" .*scim-conform run --url \S+ .*--out \/report/, 'the README runs it with the report mounted at /report');
});

test('the Dockerfile builds an image whose entry point is scim-conform, run as a non-root user, writing the report to a mounted folder', { skip: skip && `no container engine, the image is not built: ${skip}`, timeout: 1_200_000 }, async () => {
  await exec('docker', ['build', '-t', IMAGE, '.'], { cwd: ROOT, limitMs: 1_100_000 });
  const help = await exec('docker', ['run', '--rm', IMAGE, '--help'], { cwd: ROOT, limitMs: 60_000 });
  assert.match(help, /scim-conform run/, 'the entry point is the CLI: --help lists run');
  const user = await exec('docker', ['run', '--rm', '--entrypoint', 'id', IMAGE, '-u'], { cwd: ROOT, limitMs: 60_000 });
  assert.notEqual(user.trim(), '0', 'the image runs as a non-root user');

  const serve = startCli(['serve', '--token', TOKEN], { limitMs: 600_000 });
  const report = mkdtempSync(join(tmpdir(), 'docker-report-'));
  chmodSync(report, 0o777); // the image's user is not this one
  try {
    await serve.waitFor(/Ctrl-C stops the server/);
    const url = serve.stdout().split('\n')[0] ?? '';
    await exec('docker', ['run', '--rm', '--network', 'host', '-e', 'SCIM_TOKEN', '-v', `${report}:/report`, IMAGE, 'run', '--url', url, '--only', 'USER-CREATE', '--out', '/report'], {
      cwd: ROOT,
      env: { SCIM_TOKEN: TOKEN },
      limitMs: 300_000,
    });
    const written = JSON.parse(readFileSync(join(report, REPORT_FILES.json), 'utf8')) as ComplianceReport;
    assert.equal(written.target.url, url, 'the report in the mounted folder names the target');
    assert.ok(written.checks.length > 0 && written.checks.every((c) => c.status === 'pass'), 'the selected checks passed');
  } finally {
    serve.child.kill('SIGINT');
    await serve.done;
    rmSync(report, { recursive: true, force: true });
  }
});
