/**
 * Starting the Playwright process: `node <@playwright/test/cli.js> test -c <package>/playwright.config.ts …`
 * (dist/playwright.config.js in the published package), with the run configuration and secrets in its
 * environment (never on its command line), its output passed through the redactor line by line, and in its own
 * process group so a terminal's Ctrl-C reaches it once, through us.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname } from 'node:path';
import { runnableModule } from '../core/package-files.js';
import type { Redactor } from '../core/redact.js';
import type { Writer } from './context.js';
import { grepFor } from './select.js';

export const PLAYWRIGHT_CONFIG = runnableModule('../playwright.config.ts', import.meta.url);
/** Playwright runs in its config's folder; the output folder it gets is absolute, so the user's cwd still decides. */
export const PLAYWRIGHT_CWD = dirname(PLAYWRIGHT_CONFIG);

export function playwrightCli(): string {
  return createRequire(import.meta.url).resolve('@playwright/test/cli');
}

/** Our own inputs that carry secrets: the child gets them only under the SCIM_CONFORM_* names it reads. */
const PRIVATE_ENV = ['SCIM_TOKEN', 'SCIM_CLIENT_SECRET', 'SCIM_URL'];

export function childEnv(parent: NodeJS.ProcessEnv, extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...parent };
  for (const k of PRIVATE_ENV) delete env[k];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export interface PlaywrightProcess {
  child: ChildProcess;
  /** Resolves with the exit code (signal deaths map to 128 + n, like a shell). */
  exited: Promise<number>;
  /** Sends a signal to Playwright and its workers (the whole process group we started). */
  signal(sig: NodeJS.Signals): void;
}

export function spawnPlaywright(args: readonly string[], env: NodeJS.ProcessEnv, out: { stdout: Writer; stderr: Writer }, redactor: Redactor): PlaywrightProcess {
  const child = spawn(process.execPath, [playwrightCli(), ...args], {
    cwd: PLAYWRIGHT_CWD,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  pipeRedacted(child.stdout, out.stdout, redactor);
  pipeRedacted(child.stderr, out.stderr, redactor);
  const exited = new Promise<number>((resolveExit, reject) => {
    child.once('error', reject);
    child.once('close', (code, sig) => resolveExit(code ?? 128 + (sig ? constants.signals[sig] : 0)));
  });
  const signal = (sig: NodeJS.Signals): void => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // the group is already gone
    }
  };
  return { child, exited, signal };
}

/** Line-buffered so a secret split across two chunks is still seen whole by the redactor. */
export function pipeRedacted(from: NodeJS.ReadableStream | null, to: Writer, redactor: Redactor): void {
  if (!from) return;
  from.setEncoding('utf8');
  let pending = '';
  from.on('data', (chunk: string) => {
    pending += chunk;
    const cut = pending.lastIndexOf('\n');
    if (cut < 0) return;
    to.write(redactor.text(pending.slice(0, cut + 1)));
    pending = pending.slice(cut + 1);
  });
  from.on('end', () => {
    if (pending) to.write(redactor.text(pending));
  });
}

export interface Selection {
  only: readonly string[];
  skip: readonly string[];
  shard?: string | undefined;
}

/**
 * `test -c <config> [--grep …] [--grep-invert …] [--shard i/n]`; nothing secret ever goes here. The worker count
 * travels in the run configuration (playwright.config.ts reads it).
 */
export function playwrightTestArgs(sel: Selection, extra: readonly string[] = []): string[] {
  const grep = grepFor(sel.only);
  const grepInvert = grepFor(sel.skip);
  return [
    'test',
    '-c',
    PLAYWRIGHT_CONFIG,
    ...(grep ? ['--grep', grep] : []),
    ...(grepInvert ? ['--grep-invert', grepInvert] : []),
    ...(sel.shard ? ['--shard', sel.shard] : []),
    ...extra,
  ];
}
