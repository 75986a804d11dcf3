/** `list` reads Playwright's listing: every check with its requirement IDs and counterparts, nothing sent. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ListedCheck } from '../../cli/commands/list.js';
import { areaOf, isCheckId, legacyCheckIds } from '../../core/check-id.js';
import { findRequirement } from '../../core/requirements.js';
import { runCliProcess } from './cli-process.js';

test('list --json --only …: the selected checks, once per dialect where they run per dialect', async () => {
  const res = await runCliProcess(['list', '--json', '--only', 'USER-CREATE,USER-PATCH-REPLACE'], { limitMs: 60_000 });
  assert.equal(res.code, 0, `exit 0 (stderr: ${res.stderr})`);
  const checks = JSON.parse(res.stdout) as ListedCheck[];
  assert.ok(checks.length >= 3, `several checks are listed (${checks.length})`);
  for (const c of checks) {
    assert.ok(c.requirements.some((r) => r === 'USER-CREATE' || r === 'USER-PATCH-REPLACE'), `${c.id} cites a selected ID`);
    assert.ok(c.requirements.every((r) => findRequirement(r)), `${c.id} cites catalogue IDs only`);
    assert.match(c.id, /^[a-z-]+\/[a-z0-9-]+(@(default|aadOptscim062020))?$/, `${c.id} is an <area>/<slug>[@dialect] check ID`);
    assert.ok(['MUST', 'SHOULD', 'COND'].includes(c.level), `${c.id} has a level`);
  }
  assert.ok(checks.some((c) => c.requirements.includes('USER-CREATE') && c.counterparts.length > 0), 'counterparts are listed');
  const dialects = new Set(checks.filter((c) => c.requirements.includes('USER-PATCH-REPLACE')).map((c) => c.dialect));
  assert.deepEqual([...dialects].sort(), ['aadOptscim062020', 'default'], 'PATCH checks are listed in both dialects');
  assert.equal(new Set(checks.map((c) => c.id)).size, checks.length, 'check IDs are unique');
});

test('list --json: every check has a declared ID in its folder\'s area, declared at the line listed; old IDs resolve', async () => {
  const res = await runCliProcess(['list', '--json'], { limitMs: 60_000 });
  assert.equal(res.code, 0, `exit 0 (stderr: ${res.stderr})`);
  const checks = JSON.parse(res.stdout) as ListedCheck[];
  const ids = new Set(checks.map((c) => c.id));
  assert.equal(ids.size, checks.length, 'check IDs are unique');
  for (const c of checks) {
    const base = c.id.split('@')[0] ?? c.id;
    assert.ok(isCheckId(base), `${c.id} is a declared area/name ID`);
    assert.equal(areaOf(c.id), c.file.split('/')[0], `${c.id} is in the area of its folder (${c.file})`);
    assert.ok(c.location?.startsWith(`${c.file}:`), `${c.id} is located in its spec file, not in the harness (${c.location})`);
    const line = Number(c.location?.split(':')[1]);
    const source = readFileSync(fileURLToPath(new URL(`../../suites/${c.file}`, import.meta.url)), 'utf8').split('\n');
    assert.match(source[line - 1] ?? '', /\bcheck\(/, `${c.location} is the line that calls check()`);
  }
  const legacy = legacyCheckIds();
  assert.ok(Object.keys(legacy).length >= 110, 'the IDs of the title-derived scheme have aliases');
  for (const [old, now] of Object.entries(legacy)) assert.ok(ids.has(now), `the old ID ${old} resolves to a listed check (${now})`);
});
