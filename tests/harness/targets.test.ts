/**
 * The run's targets (suites/_harness/targets.ts), without a Playwright run: one unnamed target from
 * SCIM_CONFORM_CONFIG, or a named target set from SCIM_CONFORM_TARGETS whose tests carry the name; a set whose
 * targets disagree on the dialect (spec files choose their checks by it at load time) is refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HarnessError } from '../../core/errors.js';
import { ANNOTATION } from '../../core/evidence.js';
import { RUN_ENV, type RunConfig } from '../../core/run-config.js';
import { forTarget, resolveTargets } from '../../suites/_harness/targets.js';

test('one target from SCIM_CONFORM_CONFIG, or the named targets of a set; each named test is titled and annotated', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scr-targets-'));
  try {
    const config = (name: string, dialect: RunConfig['dialect']): string => {
      const file = join(dir, `${name}.json`);
      const c: RunConfig = {
        url: `http://127.0.0.1:9/${name}`, embedded: true, outDir: dir, runPrefix: 'scr-t-', seed: 1, dialect, matchingAttribute: 'userName',
        groups: true, manager: true, roles: true, timeoutMs: 1000, workers: 2, only: [], skip: [], insecure: false,
        journalFile: join(dir, `${name}.jsonl`), startedAt: new Date().toISOString(),
      };
      writeFileSync(file, JSON.stringify(c));
      return file;
    };
    const single = config('single', 'both');
    assert.deepEqual(resolveTargets({ [RUN_ENV.config]: single }), [{ configFile: single }], 'scim-conform run: one unnamed target');
    assert.deepEqual(forTarget('Sends GET /Users', { configFile: single }), { title: 'Sends GET /Users', annotation: [] }, 'its tests keep their titles');

    const set = join(dir, 'set.json');
    writeFileSync(set, JSON.stringify({ clean: config('clean', 'both'), 'missing-401': config('missing-401', 'both') }));
    const named = resolveTargets({ [RUN_ENV.targets]: set, [RUN_ENV.config]: single });
    assert.deepEqual(named.map((t) => t.name), ['clean', 'missing-401'], 'a target set wins over SCIM_CONFORM_CONFIG, in its order');
    const [, second] = named;
    assert.ok(second);
    assert.deepEqual(forTarget('Sends GET /Users', second), {
      title: 'Sends GET /Users ⟨missing-401⟩', annotation: [{ type: ANNOTATION.target, description: 'missing-401' }],
    }, 'a named target\'s test: the name in the title (for --grep) and a target annotation (for reporters)');

    writeFileSync(set, JSON.stringify({ a: config('a', 'both'), b: config('b', 'default') }));
    assert.throws(() => resolveTargets({ [RUN_ENV.targets]: set }), (err: unknown) => err instanceof HarnessError && err.code === 'HARNESS_CONFIG' && /share one dialect, got both, default/.test(err.message), 'targets disagreeing on the dialect');
    assert.throws(() => resolveTargets({}), /SCIM_CONFORM_CONFIG is not set/, 'neither variable: how to start the suites');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
