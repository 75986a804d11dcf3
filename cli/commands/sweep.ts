/**
 * `scim-conform sweep`: removes what runs of ours left on a target — the journal's outstanding resources and
 * those named with a run prefix — and nothing else. Exit 0 when all of it is gone, 1 when some could not be removed.
 */
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_TIMEOUT_MS } from '../../core/client/defaults.js';
import { EXIT, say, usageError, type CliContext } from '../context.js';
import { readJournal } from '../journal.js';
import { readableFile } from '../run-options.js';
import { MIN_PREFIX_LENGTH, describeSweep, sweep } from '../sweep.js';
import { parseTargetUrl, sameTarget } from '../target.js';

interface SweepArgs {
  url?: string | undefined;
  token?: string | undefined;
  journal?: string | undefined;
  prefix?: string | undefined;
  ca?: string | undefined;
  insecure?: boolean | undefined;
  timeout?: number | undefined;
}

export function sweepCommand(ctx: CliContext): CommandModule<object, SweepArgs> {
  return {
    command: 'sweep',
    describe: 'Remove the users and groups a run left behind (journaled or carrying its prefix), and nothing else',
    builder: (y: Argv) =>
      y
        .options({
          url: { type: 'string', describe: 'Tenant URL (env SCIM_URL)' },
          token: { type: 'string', describe: 'Bearer token (env SCIM_TOKEN)' },
          journal: { type: 'string', describe: 'cleanup-journal.jsonl of a run: removes what it lists as created and not deleted' },
          prefix: { type: 'string', describe: `Removes users/groups whose userName/displayName starts with this (at least ${MIN_PREFIX_LENGTH} characters)` },
          ca: { type: 'string', describe: 'PEM file of a private CA to trust' },
          insecure: { type: 'boolean', default: false, describe: 'Skip TLS certificate checks' },
          timeout: { type: 'number', default: DEFAULT_TIMEOUT_MS, describe: 'Per-request timeout in ms' },
        })
        .example('$0 sweep --url https://api.example.com/scim/v2 --journal scim-conform-report/cleanup-journal.jsonl', ''),
    handler: async (args) => {
      const env = ctx.io.env;
      const rawUrl = args.url ?? (env.SCIM_URL || undefined);
      const token = args.token ?? (env.SCIM_TOKEN || undefined);
      if (!rawUrl) throw usageError('sweep needs --url (or SCIM_URL)');
      const url = parseTargetUrl(rawUrl, args.url !== undefined ? '--url' : 'SCIM_URL');
      if (!token) throw usageError('sweep needs a token: pass --token or set SCIM_TOKEN');
      if (!args.journal && args.prefix === undefined) throw usageError('name what to sweep: --journal FILE and/or --prefix P');
      if (!Number.isInteger(args.timeout) || (args.timeout ?? 0) < 1) throw usageError('--timeout must be a positive whole number');
      const journalFile = readableFile(args.journal, '--journal', ctx.io.cwd);
      const journal = journalFile ? readJournal(journalFile) : undefined;
      if (journal?.header && !sameTarget(journal.header.url, url.href)) {
        throw usageError(`the journal ${args.journal} was written for ${journal.header.url}, not ${url.href}`);
      }
      ctx.redactor.addSecret(token);
      // Loaded here, not with the command list: undici is not needed for any other command's start.
      const { createTargetClient } = await import('../../core/client/target.js');
      const client = createTargetClient(
        { url: url.href, token, caFile: readableFile(args.ca, '--ca', ctx.io.cwd), insecure: args.insecure ?? false, timeoutMs: args.timeout ?? DEFAULT_TIMEOUT_MS },
        ctx.redactor,
      );
      const outcome = await sweep(client, {
        ...(journal ? { journaled: journal.outstanding } : {}),
        ...(args.prefix !== undefined ? { prefix: args.prefix } : {}),
      });
      for (const line of describeSweep(outcome)) say(ctx, 'stdout', line);
      ctx.exitCode = outcome.failed.length > 0 ? EXIT.failed : EXIT.ok;
    },
  };
}
