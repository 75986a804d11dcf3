/**
 * The cleanup journal (`cleanup-journal.jsonl` in the output folder): the harness appends
 * `{"op":"created",…}` as soon as the endpoint answers a create and `{"op":"deleted",…}` when its own cleanup
 * removes it. The CLI writes a first `{"op":"run",…}` line naming the target, so a later run or `sweep` knows
 * where the leftovers live.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { JournalEntry, JournalHeader, JournaledResource } from '../core/journal.js';
import { isResourceType } from '../core/resource-type.js';

export interface Journal {
  header?: JournalHeader;
  /** Created and not (yet) deleted, in creation order. */
  outstanding: JournaledResource[];
}

export const JOURNAL_FILE = 'cleanup-journal.jsonl';

/** Reads a journal; a line cut short by a crash, or any line it does not understand, is skipped. */
export function readJournal(file: string): Journal {
  if (!existsSync(file)) return { outstanding: [] };
  let header: JournalHeader | undefined;
  const open = new Map<string, JournaledResource>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (entry.op === 'run' && typeof entry.url === 'string' && typeof entry.runPrefix === 'string') {
      header ??= entry as unknown as JournalHeader;
      continue;
    }
    if (!isResourceType(entry.type) || typeof entry.id !== 'string' || entry.id === '') continue;
    const key = `${entry.type}:${entry.id}`;
    if (entry.op === 'created') {
      open.set(key, { type: entry.type, id: entry.id, ...(typeof entry.name === 'string' ? { name: entry.name } : {}) });
    } else if (entry.op === 'deleted') {
      open.delete(key);
    }
  }
  return { ...(header ? { header } : {}), outstanding: [...open.values()] };
}

/** Starts a fresh journal: the header, then whatever an earlier sweep could not remove (so it is not forgotten). */
export function startJournal(file: string, header: JournalHeader, carried: readonly JournaledResource[] = []): void {
  const at = header.at;
  const created = carried.map((r): JournalEntry => ({ op: 'created', ...r, at }));
  const lines = [header, ...created].map((l) => JSON.stringify(l));
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
}

/** Appends one line as the harness's ledger does: `replay`, which creates without the harness, journals through this. */
export function appendJournal(file: string, entry: { op: 'created' | 'deleted' } & JournaledResource): void {
  appendFileSync(file, `${JSON.stringify({ ...entry, at: new Date().toISOString() })}\n`);
}
