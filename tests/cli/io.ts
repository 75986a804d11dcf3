/** Captured stdout/stderr for running the CLI in-process. */
import type { CliIo } from '../../cli/context.js';

export function capture(env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): CliIo & { out(): string; err(): string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env,
    cwd,
    out: () => out,
    err: () => err,
  };
}
