/**
 * What the IdP state file answers without a target (what `idp import`, `status`, `restart` and `logs` need):
 * importing a directory, the job's status, a restart, and the provisioning logs. Each reads the partition-less
 * job's keys, as a job without --partition writes them.
 */
import { DEFAULT_PROFILE, type Profile } from '../core/profile.js';
import { JobState, type EscrowEntry, type LinkState, type Quarantine, type SourceType } from './cycles/state.js';
import type { Db } from './db.js';
import { DirectoryStore, type ImportSummary } from './directory/store.js';
import type { DirectoryInput } from './directory/types.js';
import { LogStore, type LogQuery, type ProvisioningObjectSummary } from './logs/store.js';

/** Replaces the source directory in the state; the next cycle sees what changed. */
export function importDirectory(db: Db, input: DirectoryInput): ImportSummary {
  return new DirectoryStore(db).importDirectory(input);
}

export interface JobStatus {
  /** The IdP profile whose job provisions from this state (Entra unless an Okta job claimed it). */
  profile: Profile;
  /** The simulated clock (ms); undefined until a job first used the state. */
  clock: number | undefined;
  /** The change-log position the last completed cycle reached; undefined: the next cycle is initial. */
  watermark: string | undefined;
  /** The directory change log's latest position. */
  latestChange: number;
  directory: { users: number; groups: number };
  links: Array<{ type: SourceType; state: LinkState; count: number }>;
  quarantine: Quarantine | undefined;
  /** Every escrow entry, oldest failure first. */
  escrow: EscrowEntry[];
}

export function jobStatus(db: Db): JobStatus {
  const state = new JobState(db);
  const dir = new DirectoryStore(db);
  return {
    profile: state.profile() ?? DEFAULT_PROFILE,
    clock: state.getNumber('clock'),
    watermark: state.get('watermark'),
    latestChange: dir.maxSeq(),
    directory: dir.counts(),
    links: state.linkCounts(),
    quarantine: state.quarantine(),
    escrow: state.allEscrow(),
  };
}

/** Restart (docs/entra-behaviour.md §4.1): clears watermark, escrow and quarantine; `reset` also breaks every link (everything is matched again). */
export function restartJob(db: Db, reset: boolean): void {
  new JobState(db).restart(reset);
}

/** Which log entries to read: `cycle` is a cycle id or "last" (the latest cycle that logged anything). */
export type LogSelection = Omit<LogQuery, 'cycleId'> & { cycle?: string };

export function readLogs(db: Db, select: LogSelection): ProvisioningObjectSummary[] {
  const { cycle, ...query } = select;
  const store = new LogStore(db, { jobId: jobIdOf(db) });
  const cycleId = cycle === 'last' ? store.lastCycleId() : cycle;
  return store.query({ ...(cycleId ? { cycleId } : {}), ...query });
}

/** Logs are per job id; the state remembers the job id of the partition-less job. */
function jobIdOf(db: Db): string {
  const hasLogs = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'logs'").get();
  const row = hasLogs ? db.prepare<[], string>('SELECT job_id FROM logs ORDER BY seq DESC LIMIT 1').pluck().get() : undefined;
  return row ?? 'scim.mockidp';
}
