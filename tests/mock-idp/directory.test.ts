/** Directory import (JSON, CSV): errors name row, field and position; nothing is half-imported; the change log. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../mock-idp/db.js';
import { DirectoryStore } from '../../mock-idp/directory/store.js';
import { locateJsonPath, readJsonDirectory, writeJsonDirectory } from '../../mock-idp/directory/json-file.js';
import { readCsvDirectory, groupIdFor } from '../../mock-idp/directory/csv-file.js';
import { generate } from '../../mock-idp/directory/generate.js';
import { DirectoryImportError } from '../../mock-idp/directory/validate.js';
import type { DirectoryInput } from '../../mock-idp/directory/types.js';

const u = (id: string, extra: Record<string, unknown> = {}) => ({ id, userPrincipalName: `${id}@contoso.example`, displayName: id, ...extra });

test('JSON: a bad row is named by path, line and column, and nothing is imported', () => {
  const text = `{
  "users": [
    { "id": "u1", "userPrincipalName": "u1@contoso.example" },
    { "id": "u2", "userPrincipalName": "u2@contoso.example", "accountEnabled": "yes" },
    { "id": "u3", "userPrincipalName": "U1@contoso.example", "manager": "nobody" }
  ],
  "groups": [ { "id": "g1", "displayName": "G", "members": ["u1", "ghost"] } ]
}`;
  assert.throws(() => readJsonDirectory('dir.json', text), (e: unknown) => {
    assert.ok(e instanceof DirectoryImportError, 'a DirectoryImportError');
    const m = e.message;
    assert.match(m, /^dir\.json: 4 problems, nothing imported/, 'counts the problems');
    assert.match(m, /line 4, column 80: users\[1\]\.accountEnabled: expected true or false, got "yes"/, 'bad boolean: row, field, position');
    assert.match(m, /line 5, column 40: users\[2\]\.userPrincipalName: duplicate userPrincipalName "U1@contoso.example" \(also users\[0\]\)/, 'case-insensitive UPN uniqueness');
    assert.match(m, /line 5, column 73: users\[2\]\.manager: unknown user id "nobody"/, 'dangling manager');
    assert.match(m, /line 7, column 67: groups\[0\]\.members\[1\]: unknown member id "ghost"/, 'dangling member');
    return true;
  }, 'the import is refused');
  assert.throws(() => readJsonDirectory('broken.json', '{\n  "users": [\n    { "id": "u1", }\n  ]\n}'), /broken\.json: not valid JSON at line 3, column 19/, 'syntax errors get line and column');
});

test('CSV: rows, quoting, special columns; errors name row, line, column and field', () => {
  const csv = 'id,userPrincipalName,displayName,accountEnabled,groups,assigned,businessPhones\n'
    + 'u1,u1@contoso.example,"Doe, Jane",true,Sales;Admins,true,+1 555 0100;+1 555 0101\n'
    + 'u2,u2@contoso.example,"Multi\nLine",false,Sales,false,\n';
  const dir = readCsvDirectory('users.csv', csv);
  assert.equal(dir.users.length, 2, 'two users');
  assert.equal(dir.users[0]?.displayName, 'Doe, Jane', 'quoted comma');
  assert.equal(dir.users[1]?.displayName, 'Multi\nLine', 'quoted newline');
  assert.equal(dir.users[1]?.accountEnabled, false, 'booleans');
  assert.deepEqual(dir.users[0]?.businessPhones, ['+1 555 0100', '+1 555 0101'], 'list column');
  assert.deepEqual(dir.groups?.map((g) => [g.displayName, g.members]), [['Sales', ['u1', 'u2']], ['Admins', ['u1']]], 'groups from the groups column');
  assert.equal(dir.groups?.[0]?.id, groupIdFor('Sales'), 'deterministic group ids');
  assert.deepEqual(dir.assignments, [{ principalId: 'u1', principalType: 'User' }], 'assigned column → assignments');
  const bad = 'id,userPrincipalName,accountEnabled\nu1,u1@x,true\n"u2\nx",u2@x,maybe\nu3,,true\n';
  assert.throws(() => readCsvDirectory('bad.csv', bad), (e: unknown) => {
    assert.ok(e instanceof DirectoryImportError, 'DirectoryImportError');
    assert.match(e.message, /row 2 \(line 3, column 9, field accountEnabled\): users\[1\]\.accountEnabled: expected true or false, got "maybe"/, 'bad boolean located (line counts the quoted newline)');
    assert.match(e.message, /row 3 \(line 5, column 4, field userPrincipalName\): users\[2\]\.userPrincipalName: required/, 'missing UPN located');
    return true;
  }, 'bad CSV refused');
  assert.throws(() => readCsvDirectory('short.csv', 'id,userPrincipalName\nu1\n'), /row 1 \(line 2\): users\[0\]: expected 2 fields, found 1/, 'wrong field count');
  assert.throws(() => readCsvDirectory('q.csv', 'id,userPrincipalName\n"u1,u@x\n'), /q\.csv: line 2, column 1: unterminated quoted field/, 'unterminated quote');
});

test('import replaces the directory atomically and logs only the changes', () => {
  const db = openDb(':memory:');
  const store = new DirectoryStore(db);
  const first: DirectoryInput = { users: [u('u1'), u('u2'), u('u3', { manager: 'u1' })], groups: [{ id: 'g1', displayName: 'G1', members: ['u1', 'u2'] }] };
  const s1 = store.importDirectory(first);
  assert.deepEqual([s1.users.created, s1.groups.created, s1.memberships.added, s1.assignments.assignAll], [3, 1, 2, true], 'first import');
  const w = store.maxSeq();
  const s2 = store.importDirectory({
    users: [u('u1', { displayName: 'changed' }), u('u3', { manager: 'u1' }), u('u4')],
    groups: [{ id: 'g1', displayName: 'G1', members: ['u1', 'u4'] }],
    assignments: [{ principalId: 'g1' }, { principalId: 'u3', appRole: 'Admin' }],
  });
  assert.deepEqual(s2.users, { created: 1, updated: 1, deleted: 1, unchanged: 1 }, 'u4 new, u1 edited, u2 hard-deleted, u3 same');
  assert.deepEqual(s2.memberships, { added: 1, removed: 0 }, 'u2 left with its deletion; u4 joined');
  const changed = store.changesSince(w, store.maxSeq()).map((c) => `${c.type}:${c.id}`).sort();
  assert.deepEqual(changed, ['group:g1', 'user:u1', 'user:u2', 'user:u3', 'user:u4'], 'the change log names each changed object once');
  assert.equal(store.assignAll(), false, 'assignments now decide the scope');
  assert.deepEqual(store.assignment('u3'), { type: 'User', appRole: 'Admin' }, 'assignment with app role');
  assert.deepEqual(store.reportsOf('u1'), ['u3'], 'manager index');
  assert.deepEqual(store.changesSince(store.maxSeq(), store.maxSeq()), [], 'nothing after the watermark');
  const s3 = store.importDirectory({ users: [u('u1', { displayName: 'changed' }), u('u3', { manager: 'u1' }), u('u4')], groups: [{ id: 'g1', displayName: 'G1', members: ['u1', 'u4'] }], assignments: [{ principalId: 'g1' }, { principalId: 'u3', appRole: 'Admin' }] });
  assert.equal(s3.changes, 0, 'the same file again changes nothing');
  db.close();
});

test('a bad file leaves the state untouched', () => {
  const db = openDb(':memory:');
  const store = new DirectoryStore(db);
  store.importDirectory({ users: [u('u1')] });
  const before = store.maxSeq();
  assert.throws(() => readJsonDirectory('x.json', JSON.stringify({ users: [u('u1'), { id: 'u2' }] })), DirectoryImportError, 'refused before import');
  assert.equal(store.maxSeq(), before, 'no change logged');
  assert.equal(store.counts().users, 1, 'still one user');
  db.close();
});

test('generate is seeded and round-trips through the JSON file writer', () => {
  const a = generate({ users: 50, groups: 3, seed: 7 });
  const b = generate({ users: 50, groups: 3, seed: 7 });
  assert.deepEqual(a, b, 'same seed, same directory');
  assert.notDeepEqual(a.users[0], generate({ users: 50, groups: 3, seed: 8 }).users[0], 'another seed, another directory');
  assert.ok(a.users.filter((x) => x.manager).length > 30, 'most users have a manager');
  assert.ok(a.users.every((x, i) => !x.manager || a.users.findIndex((y) => y.id === x.manager) < i), 'managers come earlier: no cycles');
  const dir = mkdtempSync(join(tmpdir(), 'mock-idp-'));
  try {
    const file = join(dir, 'd.json');
    writeJsonDirectory(file, { ...a, assignments: [{ principalId: a.users[0]?.id as string }] });
    const back = readJsonDirectory(file);
    assert.deepEqual(back.users, a.users, 'users round-trip');
    assert.deepEqual(back.assignments, [{ principalId: a.users[0]?.id }], 'assignments round-trip');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('locateJsonPath: members by key in objects and by position in arrays, nested; the deepest ancestor when a step is missing', () => {
  const text = '{ "a": 1, "b": [ {"x": 0}, {"y": [7, "eight"]} ], "c": {} }';
  const at = (path: Array<string | number>): string => text.slice(locateJsonPath(text, path)).slice(0, 8);
  assert.equal(at(['a']), '1, "b": ', 'a key');
  assert.equal(at(['b', 1, 'y', 1]), '"eight"]', 'array index, key, array index');
  assert.equal(at(['b', 0]), '{"x": 0}', 'the first element');
  assert.equal(at(['b', 5]), '[ {"x": ', 'an index past the end: the array');
  assert.equal(at(['c', 'z']), '{} }', 'a missing key: the object');
  assert.equal(at(['a', 0]), '1, "b": ', 'a step into a scalar: the scalar');
});
