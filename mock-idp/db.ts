/** The IdP's own SQLite state (directory, links, escrow, logs) in one file; WAL so a crash loses no commit. */
import type Database from 'better-sqlite3';
import { openSqlite } from '../core/sqlite.js';

export type Db = Database.Database;

export function openDb(file: string): Db {
  const db = openSqlite(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash; only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = OFF');
  return db;
}
