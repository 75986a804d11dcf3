/** Runs the real CLI (`node bin/scim-conform.js …`, or an installed package's) as a child process, with a hard time limit. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/scim-conform.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliProcess {
  child: ChildProcess;
  /** Resolves when stdout so far matches `re`. */
  waitFor(re: RegExp): Promise<void>;
  /** stdout so far. */
  stdout(): string;
  done: Promise<CliResult>;
}

/**
 * Environment without inherited SCIM_* settings, so a developer's shell cannot change a test's meaning, nor the
 * npm_* ones `npm test` sets (an npm started under npm_config_local_prefix would act on this clone, not the
 * folder it runs in; npm reads the user's own configuration again from .npmrc).
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SCIM_') && !k.startsWith('npm_')));
  return { ...env, ...extra };
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  limitMs?: number;
  /** Another scim-conform.js to run (an installed package's); default: this clone's. */
  bin?: string;
  /** A command to run instead of `node <bin>` (e.g. npx), with `args` as its arguments. */
  command?: string;
  cwd?: string;
}

export function startCli(args: string[], opts: CliOptions = {}): CliProcess {
  const started = performance.now();
  const [file, argv] = opts.command ? [opts.command, args] : [process.execPath, [opts.bin ?? BIN, ...args]];
  const child = spawn(file, argv, { env: cleanEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'], ...(opts.cwd ? { cwd: opts.cwd } : {}) });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ re: RegExp; resolve: () => void }> = [];
  child.stdout?.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
    for (const w of waiters.splice(0)) if (w.re.test(stdout)) w.resolve(); else waiters.push(w);
  });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  // A hung CLI must fail the test, not hang the suite.
  const limit = setTimeout(() => child.kill('SIGKILL'), opts.limitMs ?? 120_000);
  const done = new Promise<CliResult>((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
  return {
    child,
    done,
    stdout: () => stdout,
    waitFor: (re) => new Promise<void>((resolve, reject) => {
      if (re.test(stdout)) return resolve();
      waiters.push({ re, resolve });
      void done.then(() => reject(new Error(`the CLI ended before printing ${re}; stdout: ${stdout}; stderr: ${stderr}`)));
    }),
  };
}

export function runCliProcess(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return startCli(args, opts).done;
}

/** Every file under a folder, recursively, with its contents (for secret greps). */
export function filesUnder(dir: string): Array<{ path: string; content: Buffer }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, content: readFileSync(path) }];
  });
}
