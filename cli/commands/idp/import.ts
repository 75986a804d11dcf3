/** `idp import`: import a directory file into the IdP state (what `sync --directory` does first). */
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { importDirectory, readDirectoryFile } from '../../../mock-idp/index.js';
import { say, type CliContext } from '../../context.js';
import { importSummaryLine } from './lines.js';
import { openState, stateOption, type StateArgs } from './options.js';

export function importCommand(ctx: CliContext): CommandModule<object, StateArgs & { directory: string }> {
  return {
    command: 'import',
    describe: 'Import a directory file into the IdP state (what sync --directory does first)',
    builder: (y) => stateOption(y).option('directory', { type: 'string', demandOption: true }) as unknown as Argv<StateArgs & { directory: string }>,
    handler: (args) => {
      const db = openState(ctx, args);
      try {
        say(ctx, 'stdout', importSummaryLine(args.directory, importDirectory(db, readDirectoryFile(resolve(ctx.io.cwd, args.directory)))));
      } finally {
        db.close();
      }
    },
  };
}
