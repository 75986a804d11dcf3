/** `idp sync`: import the directory file (if given) and run provisioning cycles against the target. */
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { parseDuration, readDirectoryFile } from '../../../mock-idp/index.js';
import { say, type CliContext } from '../../context.js';
import { jobFor } from './job.js';
import { cycleSummaryLine, importSummaryLine, progressPrinter } from './lines.js';
import { openState, targetOptions, type TargetArgs } from './options.js';

interface SyncArgs extends TargetArgs {
  cycles: number;
  advance?: string | undefined;
  'allow-deletes': boolean;
  json: boolean;
}

export function syncCommand(ctx: CliContext): CommandModule<object, SyncArgs> {
  return {
    command: 'sync',
    describe: 'Import the directory file (if given) and run a provisioning cycle against the target',
    builder: (y) => targetOptions(y).options({
      cycles: { type: 'number', default: 1, describe: 'Cycles to run back to back (the clock moves 40 min between them)' },
      advance: { type: 'string', describe: 'Move the simulated clock first (e.g. 6h, 1d) so escrowed retries fall due' },
      'allow-deletes': { type: 'boolean', default: false, describe: 'Let disables/deletes above the accidental-deletion threshold through' },
      json: { type: 'boolean', default: false, describe: 'Print each cycle summary as JSON' },
    }) as unknown as Argv<SyncArgs>,
    handler: async (args) => {
      const db = openState(ctx, args);
      try {
        const { job } = jobFor(ctx, args, db, progressPrinter(ctx));
        if (args.directory) {
          const file = resolve(ctx.io.cwd, args.directory);
          say(ctx, 'stdout', importSummaryLine(args.directory, job.importDirectory(readDirectoryFile(file))));
        }
        if (args.advance) job.advanceClock(parseDuration(args.advance));
        for (let i = 0; i < Math.max(1, args.cycles); i++) {
          const s = await job.runCycle({ allowDeletes: args['allow-deletes'] });
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
