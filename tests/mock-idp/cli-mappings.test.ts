/**
 * One mapping configuration for the console and the CLI: a mapping saved through the console's own code path is
 * what `idp sync` runs next without --mappings; `--mappings FILE` replaces it (saved in the state, the next cycle
 * initial, said in one line); the same file again changes nothing; `idp test-connection` probes with the saved
 * matching attribute.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleSession } from '../../console/session.js';
import { openDb, type MappingsInput } from '../../mock-idp/index.js';
import type { RunningReferenceApp } from '../../reference-app/server.js';
import { clientFor, listAll, startTarget, TOKEN } from './helpers.js';
import { runIdp, type IdpRun } from './run-idp.js';

let app: RunningReferenceApp;
let dir: string;
before(async () => {
  app = await startTarget();
  dir = mkdtempSync(join(tmpdir(), 'idp-cli-mappings-'));
});
after(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const P = 'mapcfg-';
const idp = (args: string[]): Promise<IdpRun> => runIdp(args, dir);
const state = (): string => join(dir, 's.sqlite');

/** A console session on the state file, closed after `use`. */
function withConsole<T>(use: (session: ConsoleSession) => T): T {
  const db = openDb(state());
  try {
    return use(new ConsoleSession({ db, stateName: 's.sqlite' }));
  } finally {
    db.close();
  }
}

/** Through the function the console's PUT /api/mappings calls: ConsoleSession.saveMappings. */
function saveFromConsole(edit: (input: MappingsInput) => void): void {
  withConsole((session) => {
    const input = structuredClone(session.mappings().input);
    edit(input);
    session.saveMappings(input);
  });
}

function withTitle(input: MappingsInput, constant: string): void {
  const i = input.user.attributes.findIndex((a) => a.target === 'title');
  assert.ok(i >= 0, 'the default mapping maps title');
  input.user.attributes[i] = { target: 'title', constant };
}

async function sync(extra: string[] = []): Promise<{ run: IdpRun; kind: string }> {
  const run = await idp(['sync', '--url', app.url, '--token', TOKEN, '--state', 's.sqlite', '--json', ...extra]);
  assert.equal(run.code, 0, `sync ${extra.join(' ')}: ${run.err}`);
  const summary = JSON.parse(run.out.trim().split('\n').pop() as string) as { kind: string };
  return { run, kind: summary.kind };
}

async function titlesInTarget(): Promise<Set<unknown>> {
  const users = (await listAll(clientFor(app.url), 'Users')).filter((u) => String(u.userName).startsWith(P));
  assert.equal(users.length, 12, 'every generated user is in the target');
  return new Set(users.map((u) => u.title));
}

test('the console, idp sync and --mappings share the job\'s mappings', async () => {
  let r = await idp(['generate', '--users', '12', '--groups', '1', '--seed', '3', '--prefix', P, '--out', 'dir.json']);
  assert.equal(r.code, 0, r.err);
  assert.equal((await sync(['--directory', 'dir.json'])).kind, 'initial', 'the first cycle');

  saveFromConsole((input) => withTitle(input, 'Mapped on the page'));
  let s = await sync();
  assert.equal(s.kind, 'initial', 'a mapping saved on the page makes the next idp sync initial');
  assert.doesNotMatch(s.run.err, /mappings:/, 'nothing to say without --mappings');
  assert.deepEqual([...await titlesInTarget()], ['Mapped on the page'], 'idp sync without --mappings sent the attribute as the page mapped it');

  const fromFile = withConsole((session) => structuredClone(session.mappings().input));
  withTitle(fromFile, 'Mapped by the file');
  writeFileSync(join(dir, 'other.json'), JSON.stringify(fromFile));
  s = await sync(['--mappings', 'other.json']);
  assert.match(s.run.err, /^mappings: other\.json saved in the state as the job's mappings .*; the next cycle is initial$/m, `one line says so: ${s.run.err}`);
  assert.equal(s.kind, 'initial', 'another file makes the cycle initial');
  assert.deepEqual([...await titlesInTarget()], ['Mapped by the file'], 'the file\'s mapping was sent');
  const shown = withConsole((session) => session.mappings());
  assert.deepEqual([shown.source, shown.input], ['state', fromFile], 'the console now shows the file\'s mappings');

  // The same mappings again, laid out differently: nothing saved, nothing said, no initial cycle.
  writeFileSync(join(dir, 'other.json'), JSON.stringify(fromFile, null, 2));
  s = await sync(['--mappings', 'other.json']);
  assert.doesNotMatch(s.run.err, /mappings:/, `an unchanged file is not saved again: ${s.run.err}`);
  assert.equal(s.kind, 'incremental', 'an unchanged file does not force an initial cycle');
  assert.equal((await sync()).kind, 'incremental', 'without --mappings the saved file stays the job\'s mappings');

  // A file with the same attribute mappings and scope but another setting is saved; the cycle stays incremental.
  writeFileSync(join(dir, 'threshold.json'), JSON.stringify({ ...fromFile, settings: { ...fromFile.settings, accidentalDeletionThreshold: 500 } }));
  s = await sync(['--mappings', 'threshold.json']);
  assert.match(s.run.err, /^mappings: threshold\.json saved in the state .*; the next cycle is still incremental: same attribute mappings and scope as the last cycle$/m, s.run.err);
  assert.equal(s.kind, 'incremental', 'settings alone do not force an initial cycle');

  saveFromConsole((input) => {
    for (const a of input.user.attributes) delete a.matchingPrecedence;
    const ext = input.user.attributes.find((a) => a.target === 'externalId');
    if (!ext) throw new Error('the default mapping maps externalId');
    ext.matchingPrecedence = 1;
  });
  r = await idp(['test-connection', '--url', app.url, '--token', TOKEN, '--state', 's.sqlite']);
  assert.match(r.out, /GET \/Users\?filter=externalId eq "<random guid>"/, `test-connection probes with the saved matching attribute: ${r.out}`);
  r = await idp(['test-connection', '--url', app.url, '--token', TOKEN, '--state', 's.sqlite', '--mappings', 'other.json']);
  assert.match(r.out, /GET \/Users\?filter=userName eq "<random guid>"/, `a probe with --mappings uses the file: ${r.out}`);
  assert.equal(withConsole((session) => session.mappings().input).user.attributes.find((a) => a.matchingPrecedence === 1)?.target, 'externalId', 'test-connection saved nothing');
});
