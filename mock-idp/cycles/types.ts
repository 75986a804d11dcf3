/** What a provisioning job is given and what it answers: its options, progress, cycle summary, test connection. */
import type { ScimClient } from '../../core/client/scim-client.js';
import type { Exchange } from '../../core/evidence.js';
import type { Dialect } from '../../core/run-config.js';
import type { Db } from '../db.js';
import type { RateLimitMode } from '../escrow/rate-limit.js';
import type { QuarantinePolicy } from '../escrow/schedule.js';
import type { CompiledMappings } from '../mappings/mappings.js';
import type { Quarantine, SourceType } from './state.js';

export interface JobOptions {
  db: Db;
  client: ScimClient;
  mappings: CompiledMappings;
  dialect: Dialect;
  queryStyle?: 'entra' | 'validator';
  /** Objects in flight at once (default DEFAULT_CONCURRENCY, pool.ts); each object's requests are sequential. */
  concurrency?: number;
  rateLimit?: RateLimitMode;
  maxRetryAfterMs?: number;
  quarantinePolicy?: QuarantinePolicy;
  /** 1-based partition i of n: this job handles only objects whose id hashes to i. */
  partition?: { index: number; count: number };
  jobId?: string;
  /** Tenant URL, for the `$ref` of the doc-style manager value. */
  baseUrl?: string;
  /** Send the legacy reference check (§2.4 Example 4) before setting a manager. */
  referenceCheck?: boolean;
  /**
   * Send through `client` itself so its exchange log holds every request (a check's evidence). By default each
   * object gets a fork whose log is dropped with it, so a 100 000-user cycle keeps no exchanges in memory.
   */
  shareClient?: boolean;
  /** Called when a target object is linked (created or matched), e.g. to journal it for cleanup. */
  onLinked?: (type: SourceType, targetId: string, name: string) => void;
  onProgress?: (p: Progress) => void;
}

export interface Progress {
  phase: 'users' | 'groups' | 'memberships' | 'managers' | 'deletions';
  done: number;
  total: number;
}

export interface CycleSummary {
  cycleId: string;
  kind: 'initial' | 'incremental';
  /** Simulated time the cycle ran at. */
  at: string;
  created: number;
  updated: number;
  disabled: number;
  deleted: number;
  skipped: number;
  failed: number;
  staged: number;
  unchanged: number;
  /** Membership and manager updates. */
  references: number;
  requests: number;
  durationMs: number;
  /** Wall time minus time spent waiting for the target (meaningful when few objects are in flight). */
  emulatorMs: number;
  escrowed: number;
  quarantine?: Quarantine;
  aborted?: string;
  watermark: number;
}

export interface TestConnectionResult {
  ok: boolean;
  checks: Array<{ step: string; status?: number; ok: boolean; message: string }>;
  exchanges: Exchange[];
}

/** `reference`: a membership or manager update (reference attributes flow after the objects exist). */
export type Outcome = 'created' | 'updated' | 'disabled' | 'deleted' | 'skipped' | 'failed' | 'staged' | 'unchanged' | 'reference' | 'none';
