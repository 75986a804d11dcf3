/**
 * The engine side of provision on demand (docs/entra-behaviour.md §4.12): one user with its manager, or one group with the
 * given members and then its memberships, outside any cycle — no watermark, no clock move, no quarantine.
 */
import { newCycleContext, type JobParts } from './context.js';
import { processGroup } from './groups.js';
import { processManager, processMembers } from './references.js';
import type { Outcome } from './types.js';
import { processUser } from './users.js';

export type OnDemandSubjectIds = { type: 'user'; id: string } | { type: 'group'; id: string; members: readonly string[] };

export async function provisionSubject(job: JobParts, subject: OnDemandSubjectIds): Promise<{ cycleId: string; outcome: Outcome }> {
  const ctx = newCycleContext(job, { now: job.clock.now(), initial: false, onDemand: true });
  let outcome: Outcome;
  if (subject.type === 'user') {
    outcome = await processUser(ctx, subject.id);
    if (outcome !== 'failed') await processManager(ctx, subject.id);
  } else {
    outcome = await processGroup(ctx, subject.id);
    for (const m of subject.members) await processUser(ctx, m);
    if (outcome !== 'failed') await processMembers(ctx, subject.id);
  }
  job.logs.flush();
  return { cycleId: ctx.id, outcome };
}
