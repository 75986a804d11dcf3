/**
 * An Okta provisioning job (docs/okta-behaviour.md §1.1): Okta's provisioning against a SCIM endpoint over the same
 * IdP state as Entra's job — directory, links, logs and clock — with Okta's requests from requests.ts. The work is
 * done beside it: test-credentials.ts, import.ts, cycle.ts (a sync), users.ts and groups.ts (one push each).
 */
import { HarnessError } from '../../core/errors.js';
import { SimulatedClock } from '../cycles/clock.js';
import { JobState } from '../cycles/state.js';
import { StateJob } from '../cycles/state-job.js';
import type { CycleSummary, TestConnectionResult } from '../cycles/types.js';
import { DirectoryStore } from '../directory/store.js';
import { RetryAfterGate } from '../escrow/rate-limit.js';
import { LogStore } from '../logs/store.js';
import type { OktaJobOptions, OktaParts } from './context.js';
import { runOktaCycle } from './cycle.js';
import { importFromTarget, type OktaImportResult } from './import.js';
import { PushedStore } from './pushed.js';
import { createOktaRequestBuilder } from './requests.js';
import { testCredentials } from './test-credentials.js';

export class OktaProvisioningJob extends StateJob {
  private readonly parts: OktaParts;

  constructor(opts: OktaJobOptions) {
    const state = new JobState(opts.db);
    // Links written by Entra's job mean other target objects and states: one profile per state file.
    const owner = state.profile();
    if (owner !== 'okta' && state.linkCounts().length > 0) {
      throw new HarnessError('HARNESS_CONFIG', 'this IdP state holds links of the Entra profile: run Okta on another --state file, or "idp restart --reset" to forget them');
    }
    if (owner !== 'okta') state.setProfile('okta');
    super(new DirectoryStore(opts.db), state, new LogStore(opts.db, { jobId: opts.jobId ?? 'okta.mockidp' }));
    this.parts = {
      opts,
      dir: this.dir,
      state: this.state,
      logs: this.logs,
      pushed: new PushedStore(opts.db),
      clock: new SimulatedClock(this.state),
      builder: createOktaRequestBuilder({ ...(opts.userUpdates ? { userUpdates: opts.userUpdates } : {}), ...(opts.mode ? { mode: opts.mode } : {}) }),
      // Okta's answer to a 429 is not documented: the push fails, is logged, and the next sync tries again.
      gate: new RetryAfterGate('ignore-and-escrow'),
      stats: { requests: 0, networkMs: 0 },
    };
  }

  /** "Test API Credentials". */
  testCredentials(): Promise<TestConnectionResult> {
    return testCredentials(this.parts);
  }

  /** Okta's import: page through /Users and /Groups, judge the paging, link what matches the directory. */
  importFromTarget(): Promise<OktaImportResult> {
    return importFromTarget(this.parts);
  }

  /** One sync: push what changed in the directory since the last push. */
  runCycle(): Promise<CycleSummary> {
    return runOktaCycle(this.parts);
  }
}
