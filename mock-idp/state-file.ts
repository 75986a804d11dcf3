/**
 * What the IdP state file answers without a target (what `idp import`, `status`, `restart` and `logs` need):
 * importing a directory, the job's status, a restart, and the provisioning logs. Each reads the partition-less
 * job's keys, as a job without --partition writes them.
 */
import { DEFAULT_PROFILE, type Profile } from '../core/profile.js';
import { HarnessError } from '../core/errors.js';
import { JobState, type EscrowEntry, type LinkState, type Quarantine, type SourceType } from './cycles/state.js';
import { isInitialCycle } from './cycles/planning.js';
import type { CycleSummary } from './cycles/types.js';
import type { Db } from './db.js';
import { DirectoryStore, type ImportSummary } from './directory/store.js';
import type { DirectoryInput } from './directory/types.js';
import { LogStore, type LogQuery, type ProvisioningObjectSummary } from './logs/store.js';
import type { CompiledMappings } from './mappings/mappings.js';

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
  /** The job id its provisioning logs carry. */
  jobId: string;
  /** The summary of the last cycle that ran on this state (by the CLI or the console). */
  lastCycle: CycleSummary | undefined;
  /** The hash of the mappings the last completed cycle ran with: other mappings make the next cycle initial. */
  mappingsHash: string | undefined;
  /** Set when the job was disabled after 4 weeks in quarantine (a restart clears it). */
  disabled: string | undefined;
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
    jobId: jobIdOf(db),
    lastCycle: parseJson<CycleSummary>(state.get('lastCycle')),
    mappingsHash: state.get('mappings'),
    disabled: state.get('disabled'),
  };
}

/** Whether the next cycle with `mappings` is initial (no watermark yet, or other mappings than the last cycle's). */
export function nextCycleKind(status: JobStatus, mappings: CompiledMappings): 'initial' | 'incremental' {
  return isInitialCycle(status.watermark !== undefined, status.mappingsHash, mappings.hash) ? 'initial' : 'incremental';
}

function parseJson<T>(text: string | undefined): T | undefined {
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

/** A change to one directory object, so the next cycle has something to do (what the console's Directory page offers). */
export type DirectoryEdit =
  | { type: 'user' | 'group'; id: string; displayName: string }
  | { type: 'user'; id: string; accountEnabled: boolean }
  | { type: 'user' | 'group'; id: string; assigned: boolean };

export function editDirectory(db: Db, edit: DirectoryEdit): void {
  const dir = new DirectoryStore(db);
  const what = `${edit.type} ${JSON.stringify(edit.id)}`;
  if ('assigned' in edit) {
    const r = dir.setAssigned(edit.type, edit.id, edit.assigned);
    if (r === 'missing') throw new HarnessError('HARNESS_CONFIG', `no ${what} in the directory`);
    if (r === 'assignAll') throw new HarnessError('HARNESS_CONFIG', 'this directory has no assignments, so every user and group is in scope (sync all): import a directory with assignments to assign or unassign one by one');
    if (r === 'unchanged') throw new HarnessError('HARNESS_CONFIG', `${what} is ${edit.assigned ? 'already assigned' : 'not assigned directly'}${edit.assigned ? '' : ' (a user assigned through a group leaves scope when the group is unassigned)'}`);
    return;
  }
  const changes: Record<string, string | boolean> = 'displayName' in edit ? { displayName: edit.displayName } : { accountEnabled: edit.accountEnabled };
  if ('displayName' in edit && !edit.displayName.trim()) throw new HarnessError('HARNESS_CONFIG', `a display name can't be empty (${what})`);
  if (!dir.patchObject(edit.type, edit.id, changes)) throw new HarnessError('HARNESS_CONFIG', `no ${what} in the directory`);
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
export function jobIdOf(db: Db): string {
  const hasLogs = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'logs'").get();
  const row = hasLogs ? db.prepare<[], string>('SELECT job_id FROM logs ORDER BY seq DESC LIMIT 1').pluck().get() : undefined;
  return row ?? 'scim.mockidp';
}
