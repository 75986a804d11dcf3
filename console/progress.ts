/**
 * A running cycle as the overview draws it. Entra's bar counts pages of work, not objects
 * (docs/entra-behaviour.md §4.1); here each phase of the cycle is an equal share and the phase's objects fill it.
 */
import type { Progress } from '../mock-idp/index.js';

const PHASES: ReadonlyArray<Progress['phase']> = ['users', 'groups', 'memberships', 'managers'];

export interface RunView {
  kind: 'initial' | 'incremental';
  startedAt: string;
  /** Stop was asked; the cycle ends after the objects in flight. */
  stopping: boolean;
  phase: Progress['phase'] | undefined;
  done: number;
  total: number;
  /** 0–99 while running: 100 % is shown once the cycle has finished. */
  percent: number;
}

export function cycleProgress(p: Progress | undefined): Pick<RunView, 'phase' | 'done' | 'total' | 'percent'> {
  if (!p) return { phase: undefined, done: 0, total: 0, percent: 0 };
  const index = Math.max(0, PHASES.indexOf(p.phase));
  const share = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  return { phase: p.phase, done: p.done, total: p.total, percent: Math.min(99, Math.floor((100 * (index + share)) / PHASES.length)) };
}
