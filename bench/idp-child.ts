/**
 * The emulator in a process of its own, driven through the mock-idp API the way `idp generate --state` and
 * `idp sync` drive it, so its peak RSS and CPU time are its own. One JSON argument says what to do; the last
 * stdout line is the JSON answer.
 *
 *   prepare: generate a seeded directory, write it as JSON (for later edits) and import it into the state file
 *   sync:    one provisioning cycle against the target (optionally one partition i/n)
 *   incremental: rounds of "edit k users of that JSON file (jobTitle), import it, run a cycle" in one process,
 *            as a long-running emulator would see them (the first round also pays for the cold start)
 */
import {
  importDirectory, loadDirectoryGenerator, loadMappings, openDb, ProvisioningJob, readDirectoryFile, writeJsonDirectory,
  type CycleSummary, type Db, type ImportSummary, type Progress,
} from '../mock-idp/index.js';
import { createAgent, createScimClient } from '../core/client/scim-client.js';
import { staticToken } from '../core/client/oauth.js';

export type ChildTask =
  | { op: 'prepare'; users: number; groups: number; seed: number; state: string; file?: string }
  | { op: 'sync'; state: string; url: string; token: string; concurrency: number; partition?: { index: number; count: number }; progressEverySec?: number }
  | { op: 'incremental'; state: string; file: string; url: string; token: string; concurrency: number; rounds: number[] };

export interface PrepareAnswer { generateMs: number; importMs: number; summary: ImportSummary; maxRssMB: number }
export interface SyncAnswer {
  summary: CycleSummary;
  /** CPU time (user + system) of this process during the cycle: the emulator's own work, wherever it waited. */
  cpuMs: number;
  /** Wall time of runCycle() as the child saw it (the summary's durationMs starts a little later). */
  wallMs: number;
  /** Wall time of each phase of the cycle, in order. */
  phasesMs: Partial<Record<Progress['phase'], number>>;
  /** Wall time of the cycle outside its phases: change detection before them, flush, quarantine, pruning after. */
  outsideMs: number;
  /** Epoch ms, so parallel partitions can be put on one time line. */
  startedAt: number;
  endedAt: number;
  /** Peak resident set size of this process (process.resourceUsage().maxRSS). */
  maxRssMB: number;
}
/** Printed every `progressEverySec` during a sync, so a cycle killed at its time budget still says how far it got. */
export interface ProgressLine {
  progress: Progress & { elapsedMs: number };
}
export interface IncrementalAnswer {
  rounds: Array<{ changes: number; importMs: number; imported: ImportSummary } & Omit<SyncAnswer, 'maxRssMB' | 'startedAt' | 'endedAt'>>;
}

const rssMB = (): number => process.resourceUsage().maxRSS / 1024;

function jobFor(task: Extract<ChildTask, { op: 'sync' | 'incremental' }>, db: Db, onProgress: (p: Progress) => void): ProvisioningJob {
  const client = createScimClient({
    baseUrl: task.url,
    token: staticToken(task.token),
    secrets: [task.token],
    timeoutMs: 60_000,
    dispatcher: createAgent({ connections: task.concurrency }),
  });
  return new ProvisioningJob({
    db,
    client,
    mappings: loadMappings(),
    dialect: 'default',
    concurrency: task.concurrency,
    ...(task.op === 'sync' && task.partition ? { partition: task.partition } : {}),
    onProgress,
  });
}

/**
 * Wall time per cycle phase, from the job's progress callbacks: a phase runs from its announcement (done = 0)
 * until done reaches total; what is left of the cycle (change detection before, log flush, quarantine and log
 * pruning after) is `outsideMs`. Also prints a progress line on stdout every `everyMs`.
 */
class PhaseClock {
  ms: SyncAnswer['phasesMs'] = {};
  private open: { phase: Progress['phase']; since: number } | undefined;
  private readonly started = performance.now();
  private lastPrint = performance.now();
  constructor(private readonly everyMs = Infinity) {}
  readonly onProgress = (p: Progress): void => {
    const now = performance.now();
    if (now - this.lastPrint >= this.everyMs) {
      this.lastPrint = now;
      const line: ProgressLine = { progress: { ...p, elapsedMs: Math.round(now - this.started) } };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
    // A phase whose count never reached its total (a partition sees only its share) ends when the next begins.
    if (this.open && this.open.phase !== p.phase) this.close(now);
    if (!this.open && p.done === 0) this.open = { phase: p.phase, since: now };
    if (this.open && p.done >= p.total) this.close(now);
  };
  close(now = performance.now()): void {
    if (!this.open) return;
    this.ms[this.open.phase] = (this.ms[this.open.phase] ?? 0) + (now - this.open.since);
    this.open = undefined;
  }
  reset(): void {
    this.ms = {};
    this.open = undefined;
  }
}

async function cycle(job: ProvisioningJob, clock: PhaseClock): Promise<Omit<SyncAnswer, 'maxRssMB'>> {
  clock.reset();
  const startedAt = Date.now();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const summary = await job.runCycle();
  const cpu = process.cpuUsage(cpu0);
  clock.close();
  const wallMs = performance.now() - t0;
  const inPhases = Object.values(clock.ms).reduce((a, b) => a + b, 0);
  return { summary, cpuMs: (cpu.user + cpu.system) / 1000, wallMs, phasesMs: clock.ms, outsideMs: wallMs - inPhases, startedAt, endedAt: Date.now() };
}

async function main(task: ChildTask): Promise<unknown> {
  switch (task.op) {
    case 'prepare': {
      // Loaded here only: faker adds ~35 MB of RSS that a sync process has no use for.
      const generate = await loadDirectoryGenerator();
      let t = performance.now();
      const dir = generate({ users: task.users, groups: task.groups, seed: task.seed, prefix: 'bench-' });
      if (task.file) writeJsonDirectory(task.file, dir);
      const generateMs = performance.now() - t;
      const db = openDb(task.state);
      t = performance.now();
      const summary = importDirectory(db, dir);
      const importMs = performance.now() - t;
      db.close();
      return { generateMs, importMs, summary, maxRssMB: rssMB() } satisfies PrepareAnswer;
    }
    case 'sync': {
      const db = openDb(task.state);
      const clock = new PhaseClock(task.progressEverySec === undefined ? Infinity : task.progressEverySec * 1000);
      const answer = await cycle(jobFor(task, db, clock.onProgress), clock);
      db.close();
      return { ...answer, maxRssMB: rssMB() } satisfies SyncAnswer;
    }
    case 'incremental': {
      const dir = readDirectoryFile(task.file);
      const db = openDb(task.state);
      const clock = new PhaseClock();
      const job = jobFor(task, db, clock.onProgress);
      const rounds: IncrementalAnswer['rounds'] = [];
      for (const [i, changes] of task.rounds.entries()) {
        for (const u of dir.users.slice(0, changes)) u.jobTitle = `Bench round ${i + 1}`;
        const t = performance.now();
        const imported = job.importDirectory(dir);
        const importMs = performance.now() - t;
        const { startedAt: _s, endedAt: _e, ...c } = await cycle(job, clock);
        rounds.push({ changes, importMs, imported, ...c });
      }
      db.close();
      return { rounds } satisfies IncrementalAnswer;
    }
  }
}

const answer = await main(JSON.parse(process.argv[2] ?? '{}') as ChildTask);
process.stdout.write(`${JSON.stringify(answer)}\n`);
// The client's keep-alive sockets would hold the process open for their timeout.
process.exit(0);
