/**
 * Catalogue consistency, both ways: the requirement IDs published so far (tests/catalogue/public-ids.json, the public
 * contract users put in CI) are all still there with their levels; every requirement has at least one check; every
 * cited ID exists (check() refuses unknown IDs at load, so a listing that loads proves it); every defect names known
 * requirements; every check ID is unique.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { REQUIREMENTS, findRequirement, type Level } from '../../core/requirements.js';
import { DEFECTS } from '../../reference-app/defects/index.js';
import { listChecks } from '../../cli/commands/list.js';

/**
 * ID → level of every requirement ever published. IDs may be added to the catalogue (and then here), never renamed,
 * removed or moved to another level: a failing assertion below means a released ID was broken.
 */
const PUBLIC_IDS: Record<string, Level> = JSON.parse(readFileSync(new URL('./public-ids.json', import.meta.url), 'utf8'));

test('the catalogue holds every published requirement ID with its published level', () => {
  const published = Object.entries(PUBLIC_IDS);
  assert.ok(published.length >= 61, `public-ids.json lists the published contract (${published.length} IDs)`);
  for (const [id, level] of published) {
    assert.ok(['MUST', 'SHOULD', 'COND'].includes(level), `public-ids.json gives ${id} a known level (${level})`);
    const r = findRequirement(id);
    assert.ok(r, `${id} is still in core/requirements.ts (published IDs are never renamed or removed)`);
    assert.equal(r.level, level, `${id} keeps its published level ${level}`);
  }
});

test('every requirement has a check, every check ID is unique, every defect names known requirements', { timeout: 120_000 }, async () => {
  const checks = await listChecks(process.env, [], []);
  assert.ok(checks.length > 50, `the suites load and list (${checks.length} checks)`);
  const cited = new Set(checks.flatMap((c) => c.requirements));
  const unchecked = REQUIREMENTS.map((r) => r.id).filter((id) => !cited.has(id));
  assert.deepEqual(unchecked, [], 'every requirement in the catalogue is cited by at least one check');
  // One vocabulary (tests/architecture/areas.test.ts): a requirement's area is the folder of its checks.
  const outsideArea = REQUIREMENTS.filter((r) => !checks.some((c) => c.requirements.includes(r.id) && c.id.startsWith(`${r.area}/`)));
  assert.deepEqual(outsideArea.map((r) => `${r.id} (area ${r.area})`), [], 'every requirement is cited by a check in suites/<its area>/');
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
