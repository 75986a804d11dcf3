/**
 * Overview (Entra's provisioning Overview page): current cycle status and progress, statistics to date, the
 * quarantine and accidental-deletion banners; Start, Stop and Restart provisioning.
 */
import type { FastifyInstance } from 'fastify';
import { jobStatus, nextCycleKind, type CycleSummary, type JobStatus } from '../../mock-idp/index.js';
import type { RunView } from '../progress.js';
import type { ConsoleSession } from '../session.js';
import { fieldsOf, optionalBoolean } from './input.js';

export interface Overview {
  state: string;
  profile: JobStatus['profile'];
  jobId: string;
  /** Running: the cycle now; else undefined and `lastCycle` tells the last one. */
  running: RunView | undefined;
  lastCycle: CycleSummary | undefined;
  /** Why the last cycle started here could not run. */
  lastRunError: string | undefined;
  nextCycle: 'initial' | 'incremental';
  /** Steady state: the last cycle was incremental, completed, and left nothing failed or escrowed. */
  steadyState: boolean;
  /** Users and groups provisioned to date (linked in the target, the connector data store's count). */
  provisioned: { users: number; groups: number };
  directory: { users: number; groups: number };
  quarantine: (JobStatus['quarantine'] & { sinceIso: string }) | undefined;
  /** The accidental-deletion banner: deletions held back until "Allow deletes". */
  deletionsHeld: number;
  escrow: number;
  disabled: string | undefined;
  credentials: { tenantUrl: string | undefined; tokenSet: boolean };
}

export function overview(session: ConsoleSession): Overview {
  const s = jobStatus(session.db);
  const linked = (type: 'user' | 'group'): number => s.links.filter((l) => l.type === type && l.state !== 'unmanaged').reduce((n, l) => n + l.count, 0);
  const last = s.lastCycle;
  const url = session.tenantUrl();
  return {
    state: session.stateName,
    profile: s.profile,
    jobId: s.jobId,
    running: session.runView(),
    lastCycle: last,
    lastRunError: session.lastRunError(),
    nextCycle: nextCycleKind(s, session.mappings().compiled),
    steadyState: last !== undefined && last.kind === 'incremental' && !last.aborted && last.failed === 0 && s.escrow.length === 0 && !s.quarantine,
    provisioned: { users: linked('user'), groups: linked('group') },
    directory: s.directory,
    quarantine: s.quarantine ? { ...s.quarantine, detail: session.redactor.text(s.quarantine.detail), sinceIso: new Date(s.quarantine.since).toISOString() } : undefined,
    deletionsHeld: s.escrow.filter((e) => e.code === 'StagedDelete').length,
    escrow: s.escrow.filter((e) => e.code !== 'StagedDelete').length,
    disabled: s.disabled,
    credentials: { tenantUrl: url ? session.redactor.url(url) : undefined, tokenSet: session.hasToken() },
  };
}

export function overviewRoutes(app: FastifyInstance, session: ConsoleSession): void {
  app.get('/api/overview', async () => overview(session));
  app.post('/api/provisioning/start', async (req) => {
    const allowDeletes = optionalBoolean(fieldsOf(req.body ?? {}, 'start'), 'allowDeletes') ?? false;
    session.startCycle({ allowDeletes });
    return overview(session);
  });
  app.post('/api/provisioning/stop', async () => {
    session.stop();
    return overview(session);
  });
  app.post('/api/provisioning/restart', async (req) => {
    const reset = optionalBoolean(fieldsOf(req.body ?? {}, 'restart'), 'reset') ?? false;
    session.restart(reset);
    return overview(session);
  });
}
