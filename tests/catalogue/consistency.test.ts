/**
 * Catalogue consistency, both ways: the requirement IDs are the public contract of shared/requirements.md (none
 * renamed or dropped); every requirement has at least one check; every cited ID exists (check() refuses unknown IDs
 * at load, so a listing that loads proves it); every defect names known requirements; every check ID is unique.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REQUIREMENTS, findRequirement } from '../../core/requirements.js';
import { DEFECTS } from '../../reference-app/defects/index.js';
import { listChecks } from '../../cli/commands/list.js';

const SHARED = fileURLToPath(new URL('../../../shared/requirements.md', import.meta.url));

test('the catalogue holds every ID of shared/requirements.md, unchanged', (t) => {
  if (!existsSync(SHARED)) {
    t.skip('shared/requirements.md is not beside the repository');
    return;
  }
  const contract = [...readFileSync(SHARED, 'utf8').matchAll(/^\| ([A-Z0-9-]+) \| (MUST|SHOULD|COND) \|/gm)].map((m) => ({ id: m[1], level: m[2] }));
  assert.ok(contract.length >= 50, `the contract parses (${contract.length} IDs)`);
  for (const { id, level } of contract) {
    const r = findRequirement(id ?? '');
    assert.ok(r, `${id} is in core/requirements.ts`);
    assert.equal(r.level, level, `${id} keeps its level ${level}`);
  }
});

test('every requirement has a check, every check ID is unique, every defect names known requirements', { timeout: 120_000 }, async () => {
  const checks = await listChecks(process.env, [], []);
  assert.ok(checks.length > 50, `the suites load and list (${checks.length} checks)`);
  const cited = new Set(checks.flatMap((c) => c.requirements));
  const unchecked = REQUIREMENTS.map((r) => r.id).filter((id) => !cited.has(id));
  assert.deepEqual(unchecked, [], 'every requirement in the catalogue is cited by at least one check');
  for (const c of checks) {
    assert.ok(!c.id.startsWith('_harness/'), `check ${c.title} is named after its spec file, not the harness`);
    for (const id of c.requirements) assert.ok(findRequirement(id), `${c.id} cites a known requirement ${id}`);
  }
  const ids = checks.map((c) => c.id);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'check IDs are unique');
  for (const d of DEFECTS) {
    assert.ok(d.requirements.length > 0, `defect ${d.name} names the requirement it breaks`);
    for (const id of d.requirements) assert.ok(findRequirement(id), `defect ${d.name} cites a known requirement ${id}`);
  }
});
