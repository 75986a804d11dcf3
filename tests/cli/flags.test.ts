/**
 * Usage and configuration errors: exit 2, exactly one line on stderr, nothing started, no secret printed.
 * Runs the yargs program in-process, so none of these cases spawns Playwright or sends a request.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, secretsIn } from '../../cli/program.js';
import { capture } from './io.js';

const SECRET = 'canary-Flag-Secret-0042';
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-flags-'));
  writeFileSync(join(dir, 'bad-waivers.json'), '[{"id":"NOT-AN-ID","reason":"x","expires":"2030-01-01"}]');
  writeFileSync(join(dir, 'not-json.json'), '{nope');
});
after(() => rmSync(dir, { recursive: true, force: true }));

const cases: Array<{ name: string; argv: string[]; env?: NodeJS.ProcessEnv; stderr: RegExp }> = [
  { name: 'no command', argv: [], stderr: /name a command: run, serve, list, sweep, diff, merge, idp, record or replay/ },
  { name: 'unknown command', argv: ['runn'], stderr: /Unknown argument: runn|Did you mean run/ },
  { name: 'unknown flag', argv: ['run', '--tokn', SECRET], stderr: /Unknown arguments?: tokn/ },
  { name: 'missing token for a URL', argv: ['run', '--url', 'http://127.0.0.1:1/scim'], stderr: /--url needs credentials: pass --token or set SCIM_TOKEN/ },
  { name: 'missing token for SCIM_URL', argv: ['run'], env: { SCIM_URL: 'http://127.0.0.1:1/scim' }, stderr: /SCIM_URL needs credentials/ },
  { name: 'malformed URL', argv: ['run', '--url', 'not a url', '--token', SECRET], stderr: /--url "not a url" is not a URL/ },
  { name: 'non-http URL', argv: ['run', '--url', 'ftp://example.com/scim', '--token', SECRET], stderr: /http:\/\/ or https:\/\// },
  { name: 'credentials in the URL', argv: ['run', '--url', `https://u:${SECRET}@example.com/scim`, '--token', SECRET], stderr: /must not carry credentials/ },
  { name: 'unreadable --ca', argv: ['run', '--url', 'https://127.0.0.1:1/', '--token', SECRET, '--ca', '/nonexistent/ca.pem'], stderr: /--ca \/nonexistent\/ca.pem cannot be read \(ENOENT\)/ },
  { name: 'unreadable --waivers', argv: ['run', '--waivers', '/nonexistent/w.json'], stderr: /--waivers \/nonexistent\/w.json cannot be read/ },
  { name: 'malformed waivers', argv: ['run', '--waivers', 'bad-waivers.json'], stderr: /waiver file .*unknown requirement ID "NOT-AN-ID"/ },
  { name: 'baseline that is not JSON', argv: ['run', '--baseline', 'not-json.json'], stderr: /--baseline not-json.json is not JSON/ },
  { name: '--only naming no requirement', argv: ['run', '--only', 'USR-*'], stderr: /--only USR-\* matches no requirement ID/ },
  { name: '--skip with odd characters', argv: ['run', '--skip', 'USER.CREATE'], stderr: /--skip "USER.CREATE": use requirement IDs/ },
  { name: 'bad dialect', argv: ['run', '--dialect', 'aad'], stderr: /Invalid values: Argument: dialect/ },
  { name: 'bad matching attribute', argv: ['run', '--matching-attribute', 'mail'], stderr: /Argument: matching-attribute/ },
  { name: 'bad shard', argv: ['run', '--shard', '3/2'], stderr: /--shard 3\/2: expected i\/n/ },
  { name: 'bad workers', argv: ['run', '--workers', '0'], stderr: /--workers must be a positive whole number/ },
  { name: 'bad timeout', argv: ['run', '--timeout', 'soon'], stderr: /--timeout must be a positive whole number/ },
  { name: 'incomplete OAuth', argv: ['run', '--url', 'https://127.0.0.1:1/', '--oauth-token-url', 'https://127.0.0.1:1/token', '--client-secret', SECRET], stderr: /missing --client-id/ },
  { name: 'consent: remote target without --accept-side-effects', argv: ['run', '--url', 'https://scim.example.com/v2', '--token', SECRET], stderr: /refusing to run against https:\/\/scim.example.com\/v2 without consent: the run creates users and groups named "scr-[0-9a-z]{6}-…"/ },
  { name: 'serve with an unknown defect', argv: ['serve', '--defect', 'nope'], stderr: /unknown defect "nope"; known: .*reformat-phone/ },
  { name: 'serve with a certificate but no key', argv: ['serve', '--tls-cert', 'cert.pem'], stderr: /--tls-cert and --tls-key go together/ },
  { name: 'serve with a malformed OAuth client', argv: ['serve', '--oauth-client', 'just-an-id'], stderr: /--oauth-client must be ID:SECRET/ },
  { name: 'serve on a port out of range', argv: ['serve', '--port', '70000'], stderr: /--port must be a whole number from 0 to 65535/ },
  { name: 'sweep without a target', argv: ['sweep', '--prefix', 'scr-abcdef-'], stderr: /sweep needs --url/ },
  { name: 'sweep without journal or prefix', argv: ['sweep', '--url', 'http://127.0.0.1:1/', '--token', SECRET], stderr: /name what to sweep/ },
  { name: 'sweep with a short prefix', argv: ['sweep', '--url', 'http://127.0.0.1:1/', '--token', SECRET, '--prefix', 'scr-'], stderr: /--prefix "scr-" is shorter than 6 characters/ },
  { name: 'sweep with an unreadable journal', argv: ['sweep', '--url', 'http://127.0.0.1:1/', '--token', SECRET, '--journal', 'nope.jsonl'], stderr: /--journal nope.jsonl cannot be read/ },
];

describe('usage and configuration errors exit 2 with one line on stderr', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const io = capture({ ...c.env }, dir);
      const code = await runCli(c.argv, io);
      assert.equal(code, 2, `exit code 2 (stderr: ${io.err()})`);
      const lines = io.err().split('\n').filter(Boolean);
      assert.equal(lines.length, 1, `exactly one line on stderr, got: ${JSON.stringify(lines)}`);
      assert.match(lines[0] ?? '', c.stderr, 'the line says what is wrong');
      assert.match(lines[0] ?? '', /^scim-conform: /, 'the line names the tool');
      assert.ok(!io.err().includes(SECRET) && !io.out().includes(SECRET), 'no secret is printed');
    });
  }

  test('a token that starts with "-" after --token: exit 2, the fix named, none of its characters printed', async () => {
    const io = capture({}, dir);
    const code = await runCli(['run', '--url', 'http://127.0.0.1:1/scim', '--token', '-Qz7Wv-Secret'], io);
    assert.equal(code, 2, `exit 2 (stderr: ${io.err()})`);
    assert.match(io.err(), /must be joined to its option \(--token=-…/, 'says how to pass it');
    assert.doesNotMatch(io.err(), /Q, z|z, 7|Secret/, 'the token is not spelled out letter by letter');
  });

  test('consent is given by SCIM_ACCEPT_SIDE_EFFECTS=1 too (then the next problem is reported)', async () => {
    const io = capture({ SCIM_ACCEPT_SIDE_EFFECTS: '1' }, dir);
    const code = await runCli(['run', '--url', 'https://scim.example.com/v2', '--token', SECRET, '--ca', 'missing.pem'], io);
    assert.equal(code, 2, 'exit 2');
    assert.match(io.err(), /--ca missing.pem cannot be read/, 'validation happens before consent and names the flag');
  });
});

describe('secretsIn', () => {
  test('finds secrets in flags (both forms) and the environment', () => {
    const found = secretsIn(['run', '--token', 'a1b2c3d4', '--client-secret=s3cr3t!!', '--oauth-client', 'id:pw-1234'], { SCIM_TOKEN: 'envtoken', SCIM_CLIENT_SECRET: 'envsecret' });
    for (const s of ['a1b2c3d4', 's3cr3t!!', 'id:pw-1234', 'pw-1234', 'envtoken', 'envsecret']) assert.ok(found.includes(s), `${s} is known as a secret`);
  });
});

describe('help and version', () => {
  test('--version exits 0', async () => {
    const io = capture();
    assert.equal(await runCli(['--version'], io), 0, 'exit 0');
  });
  for (const command of ['run', 'serve', 'list', 'sweep']) {
    test(`${command} --help exits 0`, async () => {
      const io = capture();
      assert.equal(await runCli([command, '--help'], io), 0, 'exit 0');
    });
  }
});
