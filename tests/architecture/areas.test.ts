/**
 * One vocabulary for areas: the catalogue's `area` (core/requirements.ts) names the suites/ folder of the checks
 * proving it, and every suites/ folder is such an area. (That each requirement has a check in its own area's folder
 * is asserted over the listing in tests/catalogue/consistency.test.ts.)
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { REPLAY_REQUIREMENTS, REQUIREMENTS } from '../../core/requirements.js';

const SUITES = fileURLToPath(new URL('../../suites/', import.meta.url));
/** Folders of suites/ that are not an area, and why. */
const NOT_AREAS: Record<string, string> = {
  _harness: 'check() and its helpers, no checks',
  behaviour: 'checks reporting how Entra behaves (info), citing the requirements of other areas',
};

test('every area of the catalogue is a suites/ folder and every suites/ folder an area', () => {
  const folders = readdirSync(SUITES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const areas = new Set<string>(REQUIREMENTS.map((r) => r.area));
  assert.deepEqual([...areas].filter((a) => !folders.includes(a)), [], 'each area of the suites\' requirements has its folder in suites/');
  assert.deepEqual(folders.filter((f) => !areas.has(f) && !(f in NOT_AREAS)), [], 'each folder of suites/ is an area of core/requirements.ts (or a declared exception)');
  const replayAreas = new Set(REPLAY_REQUIREMENTS.map((r) => r.area));
  assert.deepEqual([...replayAreas], ['replay'], 'the replay requirements are one area');
  assert.ok(!folders.includes('replay'), 'replay is judged by the replay engine (replay/), not by a suite');
});
