/**
 * Opens the SQLite database and creates the schema. A file database runs in WAL mode with synchronous=FULL:
 * a transaction is on disk (fsync'd) before better-sqlite3 returns, so every 2xx the app sends survives a
 * kill -9 or a power cut. An in-memory database (the default) is for tests and throwaway runs.
 */
import type Database from 'better-sqlite3';
import { openSqlite } from '../../core/sqlite.js';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS resources (
  id            TEXT PRIMARY KEY,
  type          TEXT NOT NULL CHECK (type IN ('User', 'Group')),
  -- lower-cased in JS (Unicode-aware, like the filter evaluator); NOCASE keeps ad-hoc SQL honest too
  user_name     TEXT COLLATE NOCASE,
  display_name  TEXT COLLATE NOCASE,
  external_id   TEXT,
  created       TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  version       INTEGER NOT NULL,
  attrs         TEXT NOT NULL
);
-- Each lookup index ends in the default order (created, id), so an equality filter is one index search that
-- also yields its rows sorted; with (type, user_name) alone the planner preferred resources_order to skip the
-- sort and walked every resource of the type (27 ms instead of 0.09 ms per lookup at 20 000 users).
DROP INDEX IF EXISTS resources_user_name;
DROP INDEX IF EXISTS resources_display_name;
DROP INDEX IF EXISTS resources_external_id;
CREATE INDEX IF NOT EXISTS resources_user_name_order    ON resources (type, user_name, created, id);
CREATE INDEX IF NOT EXISTS resources_display_name_order ON resources (type, display_name, created, id);
CREATE INDEX IF NOT EXISTS resources_external_id_order  ON resources (type, external_id, created, id);
CREATE INDEX IF NOT EXISTS resources_order              ON resources (type, created, id);

CREATE TABLE IF NOT EXISTS memberships (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  group_id TEXT NOT NULL,
  value    TEXT NOT NULL,
  type     TEXT,
  display  TEXT,
  UNIQUE (group_id, value)
);
CREATE INDEX IF NOT EXISTS memberships_value ON memberships (value);
`;

export function openDb(file?: string): Db {
  const db = openSqlite(file ?? ':memory:');
  if (file) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // a second process (or a restart racing the old one's exit) waits instead of failing with SQLITE_BUSY
    db.pragma('busy_timeout = 5000');
  }
  db.pragma('foreign_keys = OFF');
  db.exec(SCHEMA);
  return db;
}
