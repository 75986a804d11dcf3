/**
 * The compliance report model: `compliance.json` is exactly this (schemaVersion 1). Every other format is a pure
 * function of it. Keep it stable: CI gates, diffs and merges read it.
 */
import type { CheckRecord, CheckStatus } from '../core/evidence.js';
import type { Level } from '../core/requirements.js';

export type Verdict = 'ready' | 'not-ready' | 'incomplete';
export type RequirementStatus = 'pass' | 'fail' | 'warn' | 'na' | 'error' | 'untested' | 'waived';

export interface RequirementResult {
  id: string;
  level: Level;
  status: RequirementStatus;
  /** IDs of the checks that cite this requirement and ran. */
  checks: string[];
  /** Set when a waiver turned a failure into `waived`. */
  waiver?: { reason: string; expires: string };
  /** For n/a: why. */
  reason?: string;
}

export interface ComplianceReport {
  schemaVersion: 1;
  tool: { name: string; version: string };
  target: { url: string; embedded: boolean };
  startedAt: string;
  durationMs: number;
  verdict: Verdict;
  summary: Record<Exclude<CheckStatus, 'blocked'>, number> & { blocked: number };
  requirements: RequirementResult[];
  checks: CheckRecord[];
  /** Banner-level notes: the target was unreachable, --insecure was used, a waiver expired … */
  notices?: string[];
  options?: { dialect?: string; seed?: number; only?: string[]; skip?: string[]; insecure?: boolean; shard?: string };
}
