/**
 * Opening a better-sqlite3 database (the reference app's store, the emulator's state, the lifecycle checks'
 * in-memory IdP). better-sqlite3 is a native module: where its install script did not run (skipped by npm's
 * allowScripts policy or --ignore-scripts) or could not build, the first open says so in one actionable line
 * instead of `bindings`' list of paths it tried.
 */
import Database from 'better-sqlite3';
import { HarnessError } from './errors.js';

let usable = false;

/** Throws HARNESS_CONFIG when better-sqlite3's native part cannot be loaded; cheap after the first success. */
export function assertSqliteUsable(): void {
  if (usable) return;
  try {
    // ':memory:' involves no file, so whatever fails here is the native module itself.
    new Database(':memory:').close();
    usable = true;
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new HarnessError(
      'HARNESS_CONFIG',
      `the SQLite driver better-sqlite3 cannot be loaded (${reason}). Its install script must run: allow it ("allowScripts": {"better-sqlite3": true} in your package.json, or npx --allow-scripts=better-sqlite3), give the machine python3, make and g++ where no prebuilt binary can be downloaded, then run "npm rebuild better-sqlite3" (see docs/packaging.md)`,
      { cause: err },
    );
  }
}

export function openSqlite(file: string): Database.Database {
  assertSqliteUsable();
  return new Database(file);
}
