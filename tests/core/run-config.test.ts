import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { HarnessError } from '../../core/errors.js';
import { RUN_ENV, loadRunConfig, parseRunConfig, readRunConfig, readTargetSet, runEnv, type RunConfig } from '../../core/run-config.js';

const GOOD: RunConfig = {
  url: 'http://127.0.0.1:9/scim', embedded: false, outDir: '/tmp/out', runPrefix: 'scr-x-', seed: 7, dialect: 'both',
  matchingAttribute: 'userName', groups: true, manager: false, roles: false, timeoutMs: 1000, workers: 3, only: [], skip: [],
  insecure: false, journalFile: '/tmp/out/journal.jsonl', startedAt: '2026-01-15T09:00:00.000Z',
};

/** Asserts a HARNESS_CONFIG error whose message matches `message`. */
function refused(fn: () => unknown, message: RegExp, what: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof HarnessError, `${what}: a HarnessError`);
    assert.equal(err.code, 'HARNESS_CONFIG', `${what}: code HARNESS_CONFIG`);
    assert.match(err.message, message, `${what}: the message names the problem`);
    return true;
  }, what);
}

describe('run configuration', () => {
  test('a configuration as "scim-conform run" writes it is accepted unchanged, optional fields too', () => {
    assert.deepEqual(parseRunConfig(GOOD, 'f.json'), GOOD, 'required fields only');
    const full = { ...GOOD, attributesFile: '/m.json', oauth: { tokenUrl: 'https://i/t', clientId: 'c' }, caFile: '/ca.pem', waivers: '/w.json' };
    assert.deepEqual(parseRunConfig(full, 'f.json'), full, 'with every optional field');
  });

  test('each bad value is refused naming the field, what it must be and how to start the suites', () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['workers 0', { workers: 0 }, /"workers" must be a positive whole number \(run --workers N\), got 0/],
      ['workers as text', { workers: '2' }, /"workers" must be a positive whole number/],
      ['workers missing', { workers: undefined }, /"workers" must be .*, got nothing/],
      ['a dialect not offered', { dialect: 'scim2' }, /"dialect" must be default \| aadOptscim062020 \| both, got "scim2"/],
      ['a relative URL', { url: '/scim' }, /"url" must be an absolute URL/],
      ['a negative seed', { seed: -1 }, /"seed" must be a whole number ≥ 0/],
      ['only not an array', { only: 'USER-*' }, /"only" must be an array/],
      ['oauth without a client', { oauth: { tokenUrl: 'https://i/t' } }, /"oauth" must be/],
      ['a bad timestamp', { startedAt: 'yesterday' }, /"startedAt" must be an ISO 8601 timestamp/],
    ];
    for (const [what, change, message] of cases) {
      refused(() => parseRunConfig({ ...GOOD, ...change }, 'cfg.json'), message, what);
      refused(() => parseRunConfig({ ...GOOD, ...change }, 'cfg.json'), /^run configuration cfg\.json: .*"scim-conform run"/, `${what} (source and hint)`);
    }
    refused(() => parseRunConfig({ ...GOOD, wrokers: 2 }, 'cfg.json'), /unknown field "wrokers"/, 'a misspelt field');
    refused(() => parseRunConfig([GOOD], 'cfg.json'), /is not a JSON object/, 'an array');
    refused(() => parseRunConfig({ ...GOOD, workers: 0, seed: 1.5 }, 'cfg.json'), /"seed" .*; "workers"/, 'every problem at once');
  });

  test('files: parsed once per process, unreadable or non-JSON ones refused, the variable required', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scr-run-config-'));
    try {
      const file = join(dir, 'run.json');
      writeFileSync(file, JSON.stringify(GOOD));
      const first = loadRunConfig(file);
      writeFileSync(file, JSON.stringify({ ...GOOD, workers: 9 }));
      assert.equal(loadRunConfig(file), first, 'the second load is the first parse (the runner, its reporter and config share it)');
      const env = { [RUN_ENV.config]: file, [RUN_ENV.token]: 'tok-123', [RUN_ENV.clientSecret]: '' };
      assert.deepEqual(readRunConfig(env), { config: GOOD, secrets: { token: 'tok-123' } }, 'config from the file, secrets from the environment only');

      writeFileSync(join(dir, 'bad.json'), '{"url":');
      refused(() => loadRunConfig(join(dir, 'bad.json')), /bad\.json is not JSON/, 'truncated JSON');
      refused(() => loadRunConfig(join(dir, 'none.json')), /cannot read the run configuration .*none\.json/, 'a missing file');
      refused(() => readRunConfig({}), /SCIM_CONFORM_CONFIG is not set: start the suites through "scim-conform run"/, 'no variable');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('target sets map names to configuration paths; anything else is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scr-targets-'));
    try {
      const write = (name: string, body: unknown): Record<string, string> => {
        writeFileSync(join(dir, name), JSON.stringify(body));
        return { [RUN_ENV.targets]: join(dir, name) };
      };
      assert.equal(readTargetSet({}), undefined, 'no variable: the one target of SCIM_CONFORM_CONFIG');
      assert.deepEqual(readTargetSet(write('ok.json', { clean: '/a.json', 'missing-401': '/b.json' })), { clean: '/a.json', 'missing-401': '/b.json' }, 'a good set');
      refused(() => readTargetSet(write('empty.json', {})), /must map target names/, 'an empty set');
      refused(() => readTargetSet(write('space.json', { 'a b': '/a.json' })), /bad: "a b"/, 'a name that cannot go in a title for --grep');
      refused(() => readTargetSet(write('path.json', { a: 3 })), /bad: "a"/, 'a path that is not a string');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the environment handed to Playwright: the config path, secrets only when set, the terminal flag', () => {
    assert.deepEqual(runEnv({ configFile: '/c.json', token: 't', tty: true }), {
      [RUN_ENV.config]: '/c.json', [RUN_ENV.token]: 't', [RUN_ENV.clientSecret]: undefined, [RUN_ENV.tty]: '1',
    }, 'undefined entries are removed from the child environment');
  });
});
