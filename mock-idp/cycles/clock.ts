/**
 * The job's simulated clock (ms), kept in the job state so escrow retries and quarantine intervals fall due
 * across processes; it starts at the real time of the job's first use.
 */
import type { JobState } from './state.js';

export class SimulatedClock {
  constructor(private readonly state: JobState) {}

  now(): number {
    const t = this.state.getNumber('clock');
    if (t !== undefined) return t;
    const start = Date.now();
    this.state.set('clock', String(start));
    return start;
  }

  advance(ms: number): void {
    this.state.set('clock', String(this.now() + ms));
  }
}
