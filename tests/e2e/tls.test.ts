/** TLS: an untrusted certificate is refused, `--ca FILE` trusts a private CA, `--insecure` works and marks the report. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/program.js';
import { selfSignedTls } from '../../reference-app/http/tls.js';
import { startReferenceApp, type RunningReferenceApp } from '../../reference-app/server.js';
import type { ComplianceReport } from '../../reports/model.js';
import { REPORT_FILES } from '../../reports/write-reports.js';
import { capture } from '../cli/io.js';
import { runCliProcess } from './cli-process.js';

const TOKEN = 'tls-token-9a8b7c6d5e';
let app: RunningReferenceApp;
let dir: string;
let caFile: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tls-e2e-'));
  const tls = await selfSignedTls('127.0.0.1');
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, tls.cert); // self-signed: the certificate is its own CA
  app = await startReferenceApp({ tokens: [TOKEN], tls, port: 0, host: '127.0.0.1' });
});
after(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the CLI client refuses an untrusted certificate, trusts it with --ca, and skips the check with --insecure', async () => {
  const base = ['sweep', '--url', app.url, '--token', TOKEN, '--prefix', 'scr-tlstst-'];
  const refused = capture();
  assert.equal(await runCli(base, refused), 1, 'an untrusted certificate: exit 1');
  assert.match(refused.err(), /TARGET_TLS: .*pass --ca FILE/, `says why and what to do: ${refused.err()}`);
  const trusted = capture();
  assert.equal(await runCli([...base, '--ca', caFile], trusted), 0, `--ca: exit 0 (${trusted.err()})`);
  const insecure = capture();
  assert.equal(await runCli([...base, '--insecure'], insecure), 0, `--insecure: exit 0 (${insecure.err()})`);
});

test('run --insecure passes and the report says the transport was not judged', async () => {
  const out = join(dir, 'out');
  const res = await runCliProcess(['run', '--url', app.url, '--insecure', '--only', 'USER-CREATE', '--out', out], { env: { SCIM_TOKEN: TOKEN }, limitMs: 180_000 });
  assert.equal(res.code, 0, `exit 0 (stdout: ${res.stdout} stderr: ${res.stderr})`);
  const report = JSON.parse(readFileSync(join(out, REPORT_FILES.json), 'utf8')) as ComplianceReport;
  assert.equal(report.options?.insecure, true, 'the report records --insecure');
  assert.match((report.notices ?? []).join('\n'), /TLS certificate verification was disabled/, 'a notice on top says so');
  assert.match(res.stdout, /Notice: TLS certificate verification was disabled/, 'the summary repeats it');
});
