/** What every command gets: where to write, the environment, the redactor for anything it prints, its exit code. */
import { HarnessError } from '../core/errors.js';
import type { Redactor } from '../core/redact.js';

export interface Writer {
  write(s: string): unknown;
}

export interface CliIo {
  stdout: Writer;
  stderr: Writer;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface CliContext {
  io: CliIo;
  /** Knows every secret given on the command line or in the environment; commands add the ones they learn. */
  redactor: Redactor;
  exitCode: number;
}

export const EXIT = {
  ok: 0,
  /** A selected MUST/COND requirement failed or errored (also: the target could not be reached). */
  failed: 1,
  /** Usage or configuration error. */
  usage: 2,
  interrupted: 130,
} as const;

/** Prints a line through the redactor. */
export function say(ctx: CliContext, stream: 'stdout' | 'stderr', line: string): void {
  ctx.io[stream].write(`${ctx.redactor.text(line)}\n`);
}

/** A usage or configuration error: the CLI prints its one-line message and exits 2, before anything is sent. */
export function usageError(message: string): HarnessError {
  return new HarnessError('HARNESS_CONFIG', message);
}
