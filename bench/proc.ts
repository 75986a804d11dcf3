/**
 * Child processes of the bench: the servers under load (reference app via `serve`, the bare node:http server),
 * the real CLI, and the emulator children. Every server runs in its own process so the load generator in the
 * bench process never shares an event loop with what it measures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { newSecret } from '../core/secret.js';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
/**
 * The compiled CLI, as the published package runs it (bin/scim-conform.js runs it there; in a clone it runs the
 * sources through tsx instead). The bench compiles it first (buildCli), so it never measures a stale dist/.
 */
export const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

/** `npm run build`: the sources compiled to dist/. */
export async function buildCli(): Promise<void> {
  await runToEnd([fileURLToPath(new URL('../scripts/build.js', import.meta.url))]);
}

/** A stdout line and when it arrived (performance.now() of the bench process). */
export interface TimedLine {
  at: number;
  text: string;
}

export interface Child {
  child: ChildProcess;
  lines: TimedLine[];
  stderr: () => string;
  /** Resolves with the first stdout line matching `re` (rejects if the process ends first). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<TimedLine>;
  exited: Promise<number>;
  stop(): Promise<number>;
}

export function startChild(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Child {
  const child = spawn(process.execPath, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: TimedLine[] = [];
  let err = '';
  const waiters: Array<{ re: RegExp; resolve: (l: TimedLine) => void }> = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    const line = { at: performance.now(), text };
    lines.push(line);
    for (const w of waiters.filter((x) => x.re.test(text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(line);
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    // Keep the tail only: a chatty child must not grow the bench's own memory.
    err = (err + d).slice(-20_000);
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, sig) => resolve(code ?? (sig ? 128 : 1)));
  });
  const waitFor = (re: RegExp, timeoutMs = 120_000): Promise<TimedLine> => {
    const seen = lines.find((l) => re.test(l.text));
    if (seen) return Promise.resolve(seen);
    return new Promise<TimedLine>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${timeoutMs} ms; stderr: ${err.slice(-2000)}`)), timeoutMs);
      waiters.push({ re, resolve: (l) => { clearTimeout(timer); resolve(l); } });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`process ended (exit ${code}) before a line matching ${re}; stderr: ${err.slice(-2000)}`));
      });
    });
  };
  const stop = async (): Promise<number> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    try {
      return await exited;
    } finally {
      clearTimeout(killer);
    }
  };
  return { child, lines, stderr: () => err, waitFor, exited, stop };
}

export interface Server {
  /** Tenant URL (reference app) or root URL (bare server). */
  url: string;
  token: string;
  stop(): Promise<number>;
}

/** `scim-conform serve` with a token we chose; in memory, so a new process is a reset store. */
export async function serveReferenceApp(): Promise<Server> {
  const token = newSecret();
  const c = startChild([CLI, 'serve', '--token', token]);
  const first = await c.waitFor(/^https?:\/\//);
  return { url: first.text.trim(), token, stop: c.stop };
}

/** A TypeScript module of the bench in its own Node process (through tsx, as `npm run bench` runs). */
export function tsxArgs(module: string, ...args: string[]): string[] {
  return ['--import', 'tsx', fileURLToPath(new URL(module, import.meta.url)), ...args];
}

/** A server module of the bench (bare-http.ts, stub-scim.ts) in its own process; its first line is its URL. */
export async function serveBenchServer(module: './bare-http.ts' | './stub-scim.ts'): Promise<Server> {
  const c = startChild(tsxArgs(module));
  const first = await c.waitFor(/^http:\/\//);
  return { url: first.text.trim(), token: 'stub-token', stop: c.stop };
}

export interface Finished {
  code: number;
  lines: TimedLine[];
  startedAt: number;
  endedAt: number;
  /** The child was killed because it ran past `timeoutMs`. */
  timedOut: boolean;
}

/**
 * Runs a child to its end; throws with its stderr when it fails (a bench figure is never built on a crash).
 * Past `timeoutMs` it is killed and the result says so, with whatever it printed until then.
 */
export async function runToEnd(args: readonly string[], o: { env?: NodeJS.ProcessEnv; okCodes?: readonly number[]; timeoutMs?: number } = {}): Promise<Finished> {
  const startedAt = performance.now();
  const c = startChild(args, o.env);
  let timedOut = false;
  const timer = o.timeoutMs === undefined ? undefined : setTimeout(() => {
    timedOut = true;
    c.child.kill('SIGKILL');
  }, o.timeoutMs);
  const code = await c.exited.finally(() => clearTimeout(timer));
  const endedAt = performance.now();
  if (!timedOut && !(o.okCodes ?? [0]).includes(code)) throw new Error(`${args.slice(0, 4).join(' ')} … exited ${code}: ${c.stderr().slice(-3000)}`);
  return { code, lines: c.lines, startedAt, endedAt, timedOut };
}

/** The last stdout line of a bench child, which is its JSON answer. */
export function lastJson<T>(lines: readonly TimedLine[]): T {
  const last = lines[lines.length - 1];
  if (!last) throw new Error('the child printed nothing');
  return JSON.parse(last.text) as T;
}
