/**
 * The cleanup ledger: every resource a check creates is journaled (JSON line, appended to the run's journal file)
 * the moment the endpoint acknowledges it, and deleted when the check ends — pass, fail or error. A crash leaves
 * the journal for `scim-conform sweep`. Only ids this run created are ever deleted.
 */
import { appendFileSync } from 'node:fs';
import type { ScimClient } from '../../core/client/scim-client.js';
import type { JournalEntry, JournaledResource } from '../../core/journal.js';
import type { ResourceType } from '../../core/resource-type.js';

export class Ledger {
  private readonly created: JournaledResource[] = [];

  constructor(private readonly journalFile: string | undefined, private readonly client: ScimClient) {}

  track(type: ResourceType, id: string, name?: string): void {
    this.created.push({ type, id, ...(name ? { name } : {}) });
    this.journal({ op: 'created', type, id, ...(name ? { name } : {}), at: new Date().toISOString() });
  }

  /** The check deleted it itself (a DELETE check): nothing left to clean. */
  forget(type: ResourceType, id: string): void {
    const i = this.created.findIndex((r) => r.type === type && r.id === id);
    if (i >= 0) this.created.splice(i, 1);
    this.journal({ op: 'deleted', type, id, at: new Date().toISOString() });
  }

  /** Deletes in reverse order of creation (groups before their members). Failures stay journaled for sweep. */
  async cleanup(): Promise<void> {
    for (const r of this.created.splice(0).reverse()) {
      try {
        const res = await this.client.send({ method: 'DELETE', path: `/${r.type}s/${encodeURIComponent(r.id)}`, step: 'cleanup' });
        if (res.status < 300 || res.status === 404) this.journal({ op: 'deleted', type: r.type, id: r.id, at: new Date().toISOString() });
      } catch {
        // unreachable target: the journal keeps the id for `scim-conform sweep`
      }
    }
  }

  private journal(line: JournalEntry): void {
    if (this.journalFile) appendFileSync(this.journalFile, `${JSON.stringify(line)}\n`);
  }
}
