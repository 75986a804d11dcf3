/** `list` reads Playwright's listing: every check with its requirement IDs and counterparts, nothing sent. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ListedCheck } from '../../cli/commands/list.js';
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
