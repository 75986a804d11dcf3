/**
 * What the Okta job last pushed for each linked object (a user's profile values, a group's name): Okta sends an
 * update only when its own copy changed (docs/okta-behaviour.md §1.1), so a sync with nothing new sends nothing.
 */
import type { Db } from '../db.js';
import type { SourceType } from '../cycles/state.js';
import type { ProfileValues } from './app-profile.js';

const SCHEMA = `CREATE TABLE IF NOT EXISTS okta_pushed (source_type TEXT NOT NULL, source_id TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (source_type, source_id)) WITHOUT ROWID;`;

export class PushedStore {
  private readonly q;

  constructor(db: Db) {
    db.exec(SCHEMA);
    this.q = {
      get: db.prepare<[string, string], string>('SELECT value FROM okta_pushed WHERE source_type = ? AND source_id = ?').pluck(),
      set: db.prepare('INSERT INTO okta_pushed (source_type, source_id, value) VALUES (?, ?, ?) ON CONFLICT (source_type, source_id) DO UPDATE SET value = excluded.value'),
      drop: db.prepare('DELETE FROM okta_pushed WHERE source_type = ? AND source_id = ?'),
    };
  }

  get(type: SourceType, id: string): ProfileValues | undefined {
    const v = this.q.get.get(type, id);
    return v === undefined ? undefined : (JSON.parse(v) as ProfileValues);
  }
  set(type: SourceType, id: string, values: ProfileValues): void {
    this.q.set.run(type, id, JSON.stringify(values));
  }
  drop(type: SourceType, id: string): void {
    this.q.drop.run(type, id);
  }
}
