/**
 * A provisioning job (docs/entra-behaviour.md §4.1, §4.13): the emulator's engine for one state file and one target — cycles,
 * Test Connection, provision on demand, the simulated clock, and what the job knows (links, logs). The work is
 * done beside it: planning.ts and cycle.ts (a cycle), users.ts, groups.ts and references.ts (one processor per
 * object type), quarantine.ts (escrow and quarantine), test-connection.ts, provision-subject.ts (on demand).
 */
import { HarnessError } from '../../core/errors.js';
import { DirectoryStore } from '../directory/store.js';
import { RetryAfterGate } from '../escrow/rate-limit.js';
import { LogStore } from '../logs/store.js';
import { createRequestBuilder } from '../request-builder.js';
import { SimulatedClock } from './clock.js';
import type { JobParts } from './context.js';
import { runCycle } from './cycle.js';
import { cycleWindow } from './planning.js';
import { provisionSubject, type OnDemandSubjectIds } from './provision-subject.js';
import { admitCycle } from './quarantine.js';
import { JobState } from './state.js';
import { StateJob } from './state-job.js';
import { testConnection } from './test-connection.js';
import type { CycleSummary, JobOptions, Outcome, TestConnectionResult } from './types.js';

export class ProvisioningJob extends StateJob {
  private readonly parts: JobParts;

  constructor(opts: JobOptions) {
    const part = opts.partition && opts.partition.count > 1 ? `${opts.partition.index}/${opts.partition.count}` : '';
    const state = new JobState(opts.db, part);
    if (state.profile() === 'okta') {
      throw new HarnessError('HARNESS_CONFIG', 'this IdP state holds links of the Okta profile: use --profile okta with it, or start Entra on another --state file');
    }
    super(new DirectoryStore(opts.db), state, new LogStore(opts.db, { jobId: opts.jobId ?? `scim.mockidp${part ? `.${part.replace('/', 'of')}` : ''}` }));
    this.parts = {
      opts,
      dir: this.dir,
      state: this.state,
      logs: this.logs,
      clock: new SimulatedClock(this.state),
      builder: createRequestBuilder({ dialect: opts.dialect, queryStyle: opts.queryStyle ?? 'entra', ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}) }),
      mappings: opts.mappings,
      gate: new RetryAfterGate(opts.rateLimit ?? 'ignore-and-escrow', { ...(opts.maxRetryAfterMs !== undefined ? { maxWaitMs: opts.maxRetryAfterMs } : {}) }),
      stats: { requests: 0, networkMs: 0 },
    };
  }

  /** The simulated clock (ms); starts at the real time of the job's first use. */
  now(): number {
    return this.parts.clock.now();
  }
  advanceClock(ms: number): void {
    this.parts.clock.advance(ms);
  }

  /** Restart (docs/entra-behaviour.md §4.1): the next cycle is initial; `reset` also forgets every link, so every object is matched again. */
  restart(reset: boolean): void {
    this.state.restart(reset);
  }

  /**
   * Runs one cycle; `allowDeletes` lets deletions above the accidental-deletion threshold through; aborting
   * `signal` stops it between objects (the watermark stays, nothing is quarantined).
   */
  async runCycle(o: { allowDeletes?: boolean; signal?: AbortSignal } = {}): Promise<CycleSummary> {
    const now = admitCycle(this.state, this.parts.clock);
    return runCycle(this.parts, now, o.allowDeletes ?? false, o.signal);
  }

  /** What the next cycle of this job (its partition, its mappings) will be: initial without a watermark or after other mappings (§4.1). */
  nextCycleKind(): 'initial' | 'incremental' {
    return cycleWindow(this.parts).initial ? 'initial' : 'incremental';
  }

  testConnection(): Promise<TestConnectionResult> {
    return testConnection(this.parts);
  }

  /** Provision on demand (§4.12): one user, or one group with its given members; no watermark, no clock. */
  provisionSubject(subject: OnDemandSubjectIds): Promise<{ cycleId: string; outcome: Outcome }> {
    return provisionSubject(this.parts, subject);
  }
}
