/** `idp sync`: import the directory file (if given) and run provisioning cycles (Entra's, or Okta's pushes) against the target. */
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { parseDuration, readDirectoryFile, type CycleSummary, type DirectoryInput, type ImportSummary } from '../../../mock-idp/index.js';
import { say, type CliContext } from '../../context.js';
import { jobFor, oktaJobFor } from './job.js';
import { cycleSummaryLine, importSummaryLine, progressPrinter } from './lines.js';
import { openState, profileOptions, resolveProfile, targetOptions, type ProfileArgs, type TargetArgs } from './options.js';

interface SyncArgs extends TargetArgs, ProfileArgs {
  cycles: number;
  advance?: string | undefined;
  'allow-deletes': boolean;
  json: boolean;
}

export function syncCommand(ctx: CliContext): CommandModule<object, SyncArgs> {
  return {
    command: 'sync',
    describe: 'Import the directory file (if given) and run a provisioning cycle (Entra) or sync (Okta) against the target',
    builder: (y) => profileOptions(targetOptions(y), { deleteGroups: true }).options({
      cycles: { type: 'number', default: 1, describe: 'Cycles to run back to back (the clock moves 40 min between them)' },
      advance: { type: 'string', describe: 'Move the simulated clock first (e.g. 6h, 1d) so escrowed retries fall due' },
      'allow-deletes': { type: 'boolean', default: false, describe: 'Let disables/deletes above the accidental-deletion threshold through' },
      json: { type: 'boolean', default: false, describe: 'Print each cycle summary as JSON' },
    }) as unknown as Argv<SyncArgs>,
    handler: async (args) => {
      const { okta } = resolveProfile(args, { dialect: args.dialect, mappings: args.mappings, partition: args.partition, advance: args.advance, 'allow-deletes': args['allow-deletes'] });
      const db = openState(ctx, args);
      try {
        let runCycle: () => Promise<CycleSummary>;
        let importDirectory: (input: DirectoryInput) => ImportSummary;
        let advance: (ms: number) => void = () => undefined; // Okta has no escrow to fall due: --advance is Entra's only
        if (okta) {
          const job = oktaJobFor(ctx, args, db, okta);
          runCycle = () => job.runCycle();
          importDirectory = (input) => job.importDirectory(input);
        } else {
          const { job } = jobFor(ctx, args, db, progressPrinter(ctx));
          runCycle = () => job.runCycle({ allowDeletes: args['allow-deletes'] });
          importDirectory = (input) => job.importDirectory(input);
          advance = (ms) => job.advanceClock(ms);
        }
        if (args.directory) say(ctx, 'stdout', importSummaryLine(args.directory, importDirectory(readDirectoryFile(resolve(ctx.io.cwd, args.directory)))));
        if (args.advance) advance(parseDuration(args.advance));
        for (let i = 0; i < Math.max(1, args.cycles); i++) {
          const s = await runCycle();
          say(ctx, 'stdout', args.json ? JSON.stringify(s) : cycleSummaryLine(s));
          if (s.failed > 0 || s.quarantine || s.aborted) ctx.exitCode = 1;
          if (s.aborted) break;
        }
      } finally {
        db.close();
      }
    },
  };
}
