/** Shared self-test helpers: the fixed fixture report and a tiny snapshot matcher. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckRecord } from '../../core/evidence.js';
import type { Requirement } from '../../core/requirements.js';
import { buildReport, type BuildContext } from '../../reports/build-report.js';
import type { ComplianceReport } from '../../reports/model.js';
import { readWaivers } from '../../reports/waivers.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixtureRecords(): CheckRecord[] {
  return JSON.parse(readFileSync(join(FIXTURES, 'records.json'), 'utf8')) as CheckRecord[];
}

/** A frozen slice of the catalogue: edits to core/requirements.ts must not move renderer snapshots. */
export function fixtureCatalogue(): Requirement[] {
  return JSON.parse(readFileSync(join(FIXTURES, 'catalogue.json'), 'utf8')) as Requirement[];
}

/** Everything that would vary between runs is pinned, so renderer output is byte-stable. */
export function fixtureContext(overrides: Partial<BuildContext> = {}): BuildContext {
  return {
    tool: { name: 'scim-conform', version: '0.0.0-fixture' },
    target: { url: 'https://scim.example.test/scim', embedded: false },
    startedAt: '2026-01-15T09:00:00.000Z',
    durationMs: 20_363,
    options: { dialect: 'both', seed: 42, only: [], skip: [], insecure: false },
    waivers: readWaivers(join(FIXTURES, 'waivers.json')),
    now: new Date('2026-01-15T12:00:00Z'),
    catalogue: fixtureCatalogue(),
    attributes: { source: 'schemas', user: ['active', 'emails', 'emails.type', 'emails.value', 'preferredlanguage', 'title', 'username'], group: ['displayname', 'members', 'members.value'] },
    ...overrides,
  };
}

export function fixtureReport(): ComplianceReport {
  return buildReport(fixtureRecords(), fixtureContext());
}

/** Compares `actual` with fixtures/snapshots/<name>; UPDATE_SNAPSHOTS=1 (re)writes the file instead. */
export function matchSnapshot(name: string, actual: string): void {
  const file = join(FIXTURES, 'snapshots', name);
  if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(file)) {
    // A missing snapshot is written so a new renderer starts with one; CI then compares against the commit.
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    if (process.env.UPDATE_SNAPSHOTS !== '1') assert.fail(`snapshot ${name} did not exist and was written; review and commit it`);
    return;
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from its snapshot (UPDATE_SNAPSHOTS=1 rewrites it after review)`);
}
