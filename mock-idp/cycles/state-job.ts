/**
 * What every provisioning job (Entra's, cycles/job.ts; Okta's, okta/job.ts) keeps over one IdP state — the
 * directory, the links and the logs — and the reads and writes other folders make of them through the front door.
 */
import type { DirectoryStore, ImportSummary } from '../directory/store.js';
import type { DirectoryInput } from '../directory/types.js';
import type { LogQuery, LogStore, ProvisioningObjectSummary } from '../logs/store.js';
import type { JobState, SourceType } from './state.js';

export abstract class StateJob {
  /** The job's stores, for the emulator's own modules and its self-tests; other folders use the methods. */
  constructor(readonly dir: DirectoryStore, readonly state: JobState, readonly logs: LogStore) {}

  /** Replaces the source directory (the next cycle or sync sees what changed). */
  importDirectory(input: DirectoryInput): ImportSummary {
    return this.dir.importDirectory(input);
  }

  /** This job's provisioning logs, in the shape of Graph's provisioningObjectSummary. */
  provisioningLogs(q: LogQuery = {}): ProvisioningObjectSummary[] {
    return this.logs.query(q);
  }

  /** The target id a source object is linked to; undefined when it was never provisioned (or was deleted). */
  targetIdOf(type: SourceType, sourceId: string): string | undefined {
    return this.state.link(type, sourceId)?.targetId;
  }
}
