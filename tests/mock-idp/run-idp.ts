/** The `idp` command run in-process, as the CLI tests of Entra's and Okta's emulator drive it. */
import yargs from 'yargs';
import { idpCommand } from '../../cli/commands/idp/index.js';
import type { CliContext } from '../../cli/context.js';
import { createRedactor } from '../../core/redact.js';
import { TOKEN } from './helpers.js';

export interface IdpRun { code: number; out: string; err: string }

/** `scim-conform idp …` in-process in `cwd` (exit code, stdout, stderr; a usage error is code 2 with its message). */
export async function runIdp(args: string[], cwd: string): Promise<IdpRun> {
  let out = '';
  let err = '';
  const ctx: CliContext = {
    io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {}, cwd },
    redactor: createRedactor([TOKEN]),
    exitCode: 0,
  };
  try {
    await yargs().command(idpCommand(ctx)).strict().exitProcess(false).fail((msg, e) => {
      throw e ?? new Error(msg ?? 'bad command line');
    }).parseAsync(['idp', ...args]);
    return { code: ctx.exitCode, out, err };
  } catch (e) {
    return { code: 2, out, err: err + (e as Error).message };
  }
}
