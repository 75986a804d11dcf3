/**
 * One Okta sync: every directory user (and every linked one gone from the directory), then every group, each
 * compared with what Okta last pushed; only what changed is sent (docs/okta-behaviour.md §1.1). Users go first so
 * group members have target ids. A failure is logged and the sync goes on; a credential failure stops it.
 */
import { allGroupIds, allUserIds, unlistedLinked } from '../cycles/planning.js';
import { DEFAULT_CONCURRENCY, runPool } from '../cycles/pool.js';
import type { CycleSummary, Outcome } from '../cycles/types.js';
import { OktaScope } from './app-profile.js';
import { countOutcome, newOktaRun, type OktaParts, type OktaRun } from './context.js';
import { pushGroup } from './groups.js';
import { pushUser } from './users.js';

export async function runOktaCycle(job: OktaParts): Promise<CycleSummary> {
  const started = performance.now();
  const stats0 = { ...job.stats };
  const initial = job.state.linkCounts().length === 0;
  const run = newOktaRun(job, new OktaScope(job.dir));
  const visit = async (ids: Iterable<string>, push: (r: OktaRun, id: string) => Promise<Outcome>): Promise<void> => {
    await runPool(ids, job.opts.concurrency ?? DEFAULT_CONCURRENCY, async (id) => countOutcome(run, await push(run, id)), () => run.abort !== undefined);
  };
  await visit(allUserIds(job), pushUser);
  await visit(unlistedLinked(job, 'user'), pushUser);
  await visit(allGroupIds(job), pushGroup);
  await visit(unlistedLinked(job, 'group'), pushGroup);
  job.logs.flush();
  job.logs.prune(run.now);
  const durationMs = Math.round(performance.now() - started);
  const c = run.counts;
  return {
    cycleId: run.id,
    kind: initial ? 'initial' : 'incremental',
    at: new Date(run.now).toISOString(),
    created: c.created,
    updated: c.updated,
    disabled: c.disabled,
    deleted: c.deleted,
    skipped: c.skipped,
    failed: c.failed,
    staged: 0,
    unchanged: c.unchanged,
    references: c.reference,
    requests: job.stats.requests - stats0.requests,
    durationMs,
    emulatorMs: Math.max(0, Math.round(durationMs - (job.stats.networkMs - stats0.networkMs))),
    escrowed: 0,
    ...(run.abort ? { aborted: run.abort } : {}),
    watermark: job.dir.maxSeq(),
  };
}
