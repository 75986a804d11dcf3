/**
 * The yargs program, runnable in-process for self-tests: `runCli(argv, io)` resolves to the exit code.
 * Usage and configuration errors end in ONE line on stderr and exit 2; nothing printed can hold a secret.
 */
import yargs from 'yargs';
import type { CommandModule } from 'yargs';
import { isScimConformError } from '../core/errors.js';
import { PACKAGE_VERSION } from '../core/package-files.js';
import { createRedactor } from '../core/redact.js';
import { EXIT, say, usageError, type CliContext, type CliIo } from './context.js';
import { commands } from './commands/index.js';

const SECRET_FLAG = /^--(token|client-?secret|oauth-?client)(?:=(.*))?$/i;
const SECRET_ENV = ['SCIM_TOKEN', 'SCIM_CLIENT_SECRET'];

/** Every secret on the command line or in the environment, known before parsing so even a parse error is redacted. */
export function secretsIn(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const found = SECRET_ENV.map((k) => env[k]).filter((v): v is string => Boolean(v));
  argv.forEach((arg, i) => {
    const m = SECRET_FLAG.exec(arg);
    if (!m) return;
    const value = m[2] ?? argv[i + 1];
    if (value === undefined) return;
    found.push(value);
    // --oauth-client ID:SECRET: the secret part alone may show up too
    if (/^--oauth/i.test(arg) && value.includes(':')) found.push(value.slice(value.indexOf(':') + 1));
  });
  return found;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx: CliContext = { io, redactor: createRedactor(secretsIn(argv, io.env)), exitCode: EXIT.ok };
  const all = commands(ctx);
  let program = yargs()
    .scriptName('scim-conform')
    .usage('$0 <command> [options]\n\nTests a SCIM 2.0 endpoint the way the Microsoft Entra provisioning service uses it.')
    .version(PACKAGE_VERSION)
    .help()
    .alias('h', 'help')
    .strict()
    .demandCommand(1, `name a command: ${commandNames(all)} (see --help)`)
    .recommendCommands()
    .exitProcess(false)
    .wrap(Math.min(110, yargs().terminalWidth()))
    .fail((msg: string | null, err: Error | undefined) => {
      throw err ?? usageError(withoutFlagClusters(msg ?? 'invalid command line'));
    });
  for (const command of all) program = program.command(command);
  try {
    // With a callback yargs hands --help/--version text over instead of printing it, so it goes through io.
    await program.parseAsync([...argv], {}, (_err, _args, output) => {
      if (output) io.stdout.write(`${output}\n`);
    });
    return ctx.exitCode;
  } catch (err) {
    return reportError(ctx, err);
  }
}

/** "run, serve, …, record or replay": the first word of each command, so the hint never lists a stale set. */
function commandNames(all: ReadonlyArray<CommandModule<object, never>>): string {
  const names = all.map((c) => String(c.command ?? '').split(' ')[0]).filter((n) => n !== '');
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('');
}

/**
 * yargs reads "-Xy9…" as the single-letter flags X, y, 9, …: after `--token`, a value that starts with "-" would
 * have its characters listed in the message. Such a list is never printed, and the fix is named instead.
 */
function withoutFlagClusters(msg: string): string {
  const unknown = /^Unknown arguments?: (.*)$/.exec(msg)?.[1]?.split(', ') ?? [];
  if (!unknown.some((a) => a.length === 1)) return msg;
  return 'unknown single-letter options: a value that starts with "-" must be joined to its option (--token=-…, --client-secret=-…) or passed in the environment (SCIM_TOKEN, SCIM_CLIENT_SECRET)';
}

/** One line: configuration errors exit 2; anything else is a scim-conform bug and exits 1. */
function reportError(ctx: CliContext, err: unknown): number {
  const message = (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ').trim();
  if (isScimConformError(err) && err.code === 'HARNESS_CONFIG') {
    say(ctx, 'stderr', `scim-conform: ${message}`);
    return EXIT.usage;
  }
  const code = isScimConformError(err) ? err.code : 'HARNESS_INTERNAL';
  say(ctx, 'stderr', `scim-conform: ${code}: ${message}`);
  return EXIT.failed;
}
