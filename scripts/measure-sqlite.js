#!/usr/bin/env node
// The SQLite drivers the running Node can use, on the reference app's shape of work (docs/packaging.md):
// single-row write transactions and indexed lookups of JSON rows, in memory and in a WAL file with
// synchronous=FULL. better-sqlite3 always; node:sqlite where this Node has it (22.5 and later). Median of 5.
//   node scripts/measure-sqlite.js [--rows N]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '20000' } } });
const ROWS = Number(values.rows);
const require = createRequire(import.meta.url);

const drivers = { 'better-sqlite3': (file) => new (require('better-sqlite3'))(file) };
try {
  const { DatabaseSync } = await import('node:sqlite');
  drivers['node:sqlite'] = (file) => new DatabaseSync(file);
} catch {
  console.log(`node:sqlite: not in Node ${process.version}`);
}

const SCHEMA = `CREATE TABLE r (id TEXT PRIMARY KEY, user_name TEXT COLLATE NOCASE, created TEXT, attrs TEXT NOT NULL);
CREATE INDEX r_user ON r (user_name, created, id);`;
const attrs = (i) => JSON.stringify({ userName: `user${i}@example.com`, name: { givenName: 'Given', familyName: `Family${i}` }, active: true, emails: [{ value: `user${i}@example.com`, type: 'work', primary: true }] });

/** ops/s of `rows` single-row transactions, then of `rows` indexed lookups. */
function work(open, file, rows) {
  const db = open(file);
  if (file !== ':memory:') {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
  }
  db.exec(SCHEMA);
  const insert = db.prepare('INSERT INTO r (id, user_name, created, attrs) VALUES (?, ?, ?, ?)');
  const find = db.prepare('SELECT id, attrs FROM r WHERE user_name = ? ORDER BY created, id');
  let t = performance.now();
  for (let i = 0; i < rows; i++) {
    db.exec('BEGIN IMMEDIATE');
    insert.run(`id-${i}`, `user${i}@example.com`, new Date(1_700_000_000_000 + i).toISOString(), attrs(i));
    db.exec('COMMIT');
  }
  const writes = rows / ((performance.now() - t) / 1000);
  t = performance.now();
  for (let i = 0; i < rows; i++) if (!find.get(`USER${(i * 7919) % rows}@example.com`)) throw new Error('lookup missed');
  const reads = rows / ((performance.now() - t) / 1000);
  db.close();
  return { writes, reads };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const dir = mkdtempSync(join(tmpdir(), 'measure-sqlite-'));
try {
  for (const [name, open] of Object.entries(drivers)) {
    for (const [where, rows] of [[':memory:', ROWS], ['file', Math.min(ROWS, 2000)]]) {
      const runs = Array.from({ length: 5 }, (_, i) => work(open, where === 'file' ? join(dir, `${name.replace(/\W/g, '')}-${i}.db`) : ':memory:', rows));
      console.log(`${name} (${process.version}), ${where === 'file' ? 'WAL file, synchronous=FULL' : 'in memory'}, ${rows} rows: ` +
        `${Math.round(median(runs.map((r) => r.writes)))} write transactions/s, ${Math.round(median(runs.map((r) => r.reads)))} indexed lookups/s`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
