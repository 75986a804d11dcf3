/**
 * Provision on demand (docs/entra-behaviour.md §4.12): one user, or one group with up to 5 of its members, through the five
 * steps the portal shows. Always the default PATCH dialect: aadOptscim062020 doesn't apply on demand.
 */
import { HarnessError } from '../core/errors.js';
import { ProvisioningJob } from './cycles/job.js';
import type { JobOptions } from './cycles/types.js';
import type { ProvisioningObjectSummary, ProvisioningStatus } from './logs/store.js';

export const ON_DEMAND_MAX_MEMBERS = 5;

export type OnDemandSubject = { user: string } | { group: string; members?: string[] };

export interface OnDemandStep {
  number: 1 | 2 | 3 | 4 | 5;
  name: string;
  status: ProvisioningStatus;
  details: string[];
}
export interface OnDemandResult {
  ok: boolean;
  steps: OnDemandStep[];
  /** One provisioning-log entry per object touched (the user, or the group, its members and memberships). */
  logs: ProvisioningObjectSummary[];
}

function worst(statuses: ProvisioningStatus[], fallback: ProvisioningStatus): ProvisioningStatus {
  for (const s of ['failure', 'warning', 'success', 'skipped'] as const) if (statuses.includes(s)) return s;
  return fallback;
}

export async function provisionOnDemand(opts: Omit<JobOptions, 'dialect'>, subject: OnDemandSubject): Promise<OnDemandResult> {
  const job = new ProvisioningJob({ ...opts, dialect: 'default' });
  const kind = 'user' in subject ? 'user' : 'group';
  const noun = kind === 'user' ? 'user' : 'group';
  const steps: OnDemandStep[] = [];
  const conn = await job.testConnection();
  steps.push({ number: 1, name: 'Test connection', status: conn.ok ? 'success' : 'failure', details: conn.checks.map((c) => `${c.step}: ${c.message}`) });
  if (!conn.ok) return { ok: false, steps, logs: [] };

  let run: Awaited<ReturnType<ProvisioningJob['provisionSubject']>>;
  if ('user' in subject) {
    if (!job.dir.getUser(subject.user)) throw new HarnessError('HARNESS_CONFIG', `no user with id ${JSON.stringify(subject.user)} in the directory`);
    run = await job.provisionSubject({ type: 'user', id: subject.user });
  } else {
    const group = job.dir.getGroup(subject.group);
    if (!group) throw new HarnessError('HARNESS_CONFIG', `no group with id ${JSON.stringify(subject.group)} in the directory`);
    const all = job.dir.membersOf(subject.group).filter((m) => job.dir.getUser(m));
    const members = subject.members ?? all.slice(0, ON_DEMAND_MAX_MEMBERS);
    if (members.length > ON_DEMAND_MAX_MEMBERS) throw new HarnessError('HARNESS_CONFIG', `on-demand provisioning takes a group with up to ${ON_DEMAND_MAX_MEMBERS} members; ${members.length} given`);
    const stranger = members.find((m) => !all.includes(m));
    if (stranger) throw new HarnessError('HARNESS_CONFIG', `${JSON.stringify(stranger)} is not a direct member of group ${JSON.stringify(subject.group)}`);
    run = await job.provisionSubject({ type: 'group', id: subject.group, members });
  }
  const logs = job.logs.query({ cycleId: run.cycleId });
  const subjectId = 'user' in subject ? subject.user : subject.group;
  const main = logs.filter((l) => l.sourceIdentity.id === subjectId);
  const stepsOf = (type: string): ProvisioningObjectSummary['provisioningSteps'] => main.flatMap((l) => l.provisioningSteps.filter((s) => s.provisioningStepType === type));
  const describe = (list: ProvisioningObjectSummary['provisioningSteps']): string[] => list.map((s) => s.description);
  const imported = stepsOf('import');
  steps.push({ number: 2, name: `Import ${noun}`, status: worst(imported.map((s) => s.status), 'success'), details: describe(imported) });
  const scoping = stepsOf('scoping');
  steps.push({
    number: 3,
    name: `Determine if ${noun} is in scope`,
    status: worst(scoping.map((s) => s.status), 'success'),
    details: scoping.flatMap((s) => [s.description, ...Object.entries(s.details).map(([k, v]) => `${k}: ${v}`)]),
  });
  const matching = stepsOf('matching');
  steps.push({ number: 4, name: `Match ${noun} between source and target`, status: worst(matching.map((s) => s.status), 'skipped'), details: describe(matching) });
  const actions = logs.flatMap((l) => [
    `${l.sourceIdentity.identityType} ${l.sourceIdentity.displayName}: ${l.provisioningAction} (${l.provisioningStatusInfo.status})${l.provisioningStatusInfo.errorInformation ? ` ${l.provisioningStatusInfo.errorInformation.errorCode}: ${l.provisioningStatusInfo.errorInformation.reason}` : ''}`,
    ...l.modifiedProperties.map((m) => `  ${m.displayName}: ${m.oldValue ?? '(none)'} → ${m.newValue ?? '(none)'}`),
  ]);
  const status = worst(logs.map((l) => l.provisioningStatusInfo.status), 'skipped');
  steps.push({ number: 5, name: 'Perform action', status, details: actions });
  return { ok: status !== 'failure', steps, logs };
}
