/**
 * The store's query plans: every equality lookup a filter or a uniqueness check narrows to must search its own
 * index and come out in the default order without a sort; a walk over every resource of the type made filter GETs
 * and POSTs slow down linearly as the store filled (docs/performance.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDb, type Db } from '../../reference-app/store/db.js';
import { ResourceStore, SQL } from '../../reference-app/store/resource-store.js';

function plan(db: Db, sql: string): string {
  const params = (sql.match(/\?/g) ?? []).map(() => 'x');
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

/** Enough rows that the planner has something to choose between (it has no statistics: no ANALYZE is run). */
function filled(): Db {
  const db = openDb();
  const store = new ResourceStore(db);
  store.transaction(() => {
    for (let i = 0; i < 2_000; i++) {
      const now = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
      store.insert({
        id: `u${i}`, type: 'User', created: now, lastModified: now, version: 1,
        attrs: { userName: `user${i}@example.com`, externalId: `ext-${i}`, displayName: `User ${i}` },
      });
    }
  });
  return db;
}

test('equality lookups search their own index and need no sort', () => {
  const db = filled();
  try {
    const expected: Record<string, string> = {
      byUserName: 'resources_user_name_order (type=? AND user_name=?)',
      byDisplayName: 'resources_display_name_order (type=? AND display_name=?)',
      byExternalId: 'resources_external_id_order (type=? AND external_id=?)',
    };
    for (const [name, index] of Object.entries(expected)) {
      const p = plan(db, SQL[name as keyof typeof SQL]);
      assert.match(p, new RegExp(`SEARCH resources USING INDEX ${index.replace(/[()?]/g, '\\$&')}`), `${name} searches ${index}: ${p}`);
      assert.doesNotMatch(p, /TEMP B-TREE/, `${name} comes out of its index already ordered: ${p}`);
    }
    assert.match(plan(db, SQL.get), /USING INDEX sqlite_autoindex_resources_1 \(id=\?\)/, 'get by id uses the primary key');
  } finally {
    db.close();
  }
});

test('a lookup by userName finds users case-insensitively, oldest first', () => {
  const db = filled();
  try {
    const store = new ResourceStore(db);
    const later = '2027-01-01T00:00:00.000Z';
    store.insert({ id: 'dup', type: 'User', created: later, lastModified: later, version: 1, attrs: { userName: 'USER7@example.com' } });
    assert.deepEqual(store.findBy('User', 'userName', 'User7@Example.com').map((r) => r.id), ['u7', 'dup'], 'both rows, in created order');
    assert.deepEqual(store.findBy('User', 'externalId', 'ext-9').map((r) => r.id), ['u9'], 'externalId is case-exact and found');
    assert.deepEqual(store.findBy('User', 'externalId', 'EXT-9'), [], 'externalId is compared case-exactly');
  } finally {
    db.close();
  }
});

test('a database file written with the old lookup indexes is migrated on open', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scim-conform-store-'));
  try {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE resources (id TEXT PRIMARY KEY, type TEXT NOT NULL, user_name TEXT COLLATE NOCASE,
      display_name TEXT COLLATE NOCASE, external_id TEXT, created TEXT NOT NULL, last_modified TEXT NOT NULL,
      version INTEGER NOT NULL, attrs TEXT NOT NULL);
      CREATE INDEX resources_user_name ON resources (type, user_name);
      CREATE INDEX resources_display_name ON resources (type, display_name);
      CREATE INDEX resources_external_id ON resources (type, external_id);
      INSERT INTO resources VALUES ('kept', 'User', 'kept@example.com', NULL, NULL, '2026', '2026', 1, '{"userName":"kept@example.com"}');`);
    old.close();
    const db = openDb(file);
    try {
      const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'resources_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
      assert.deepEqual(indexes, ['resources_display_name_order', 'resources_external_id_order', 'resources_order', 'resources_user_name_order'], 'old indexes dropped, new ones built');
      assert.deepEqual(new ResourceStore(db).findBy('User', 'userName', 'KEPT@example.com').map((r) => r.id), ['kept'], 'the stored user is still found');
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
