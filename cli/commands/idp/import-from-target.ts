/**
 * `idp import-from-target`: Okta's import — page through /Users and /Groups of the target by 100, judge the
 * paging as Okta needs it, and link the resources that match the directory (users by userName, groups by name).
 */
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { readDirectoryFile } from '../../../mock-idp/index.js';
import { say, usageError, type CliContext } from '../../context.js';
import { oktaJobFor } from './job.js';
import { importSummaryLine } from './lines.js';
import { openState, profileOptions, resolveProfile, targetOptions, type ProfileArgs, type TargetArgs } from './options.js';

interface ImportFromTargetArgs extends TargetArgs, ProfileArgs {
  json: boolean;
}

export function importFromTargetCommand(ctx: CliContext): CommandModule<object, ImportFromTargetArgs> {
  return {
    command: 'import-from-target',
    describe: "Okta's import (--profile okta): page through the target's /Users and /Groups, judge the paging, link matches to the directory",
    builder: (y) => profileOptions(targetOptions(y)).option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON' }) as unknown as Argv<ImportFromTargetArgs>,
    handler: async (args) => {
      const { okta } = resolveProfile(args, { dialect: args.dialect, mappings: args.mappings, partition: args.partition });
      if (!okta) throw usageError('Entra does not import from the app: use --profile okta');
      const db = openState(ctx, args);
      try {
        const job = oktaJobFor(ctx, args, db, okta);
        if (args.directory) say(ctx, 'stdout', importSummaryLine(args.directory, job.importDirectory(readDirectoryFile(resolve(ctx.io.cwd, args.directory)))));
        const r = await job.importFromTarget();
        if (args.json) say(ctx, 'stdout', JSON.stringify(r, null, 2));
        else {
          const counts = (c: typeof r.users): string => `${c.imported} read, ${c.matched} matched, ${c.linked} linked`;
          say(ctx, 'stdout', `import ${r.runId.slice(0, 8)}: users ${counts(r.users)}; groups ${counts(r.groups)}; ${r.pages} pages`);
          for (const p of r.problems) say(ctx, 'stdout', `WARN ${p}`);
        }
        if (!r.ok) ctx.exitCode = 1;
      } finally {
        db.close();
      }
    },
  };
}
