/** `idp provision`: provision on demand — one user, or one group with up to 5 members (always the default dialect). */
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { provisionOnDemand, readDirectoryFile } from '../../../mock-idp/index.js';
import { say, usageError, type CliContext } from '../../context.js';
import { jobFor } from './job.js';
import { openState, targetOptions, type TargetArgs } from './options.js';

interface ProvisionArgs extends TargetArgs {
  user?: string | undefined;
  group?: string | undefined;
  member?: string[] | undefined;
  json: boolean;
}

export function provisionCommand(ctx: CliContext): CommandModule<object, ProvisionArgs> {
  return {
    command: 'provision',
    describe: 'Provision on demand: one user, or one group with up to 5 members (always the default dialect)',
    builder: (y) => targetOptions(y).options({
      user: { type: 'string', describe: 'Source id of the user' },
      group: { type: 'string', describe: 'Source id of the group' },
      member: { type: 'string', array: true, describe: 'Members of the group to provision with it (≤ 5; default: the first 5)' },
      json: { type: 'boolean', default: false, describe: 'Print the result as JSON' },
    }) as unknown as Argv<ProvisionArgs>,
    handler: async (args) => {
      if (!args.user === !args.group) throw usageError('give exactly one of --user ID or --group ID');
      const db = openState(ctx, args);
      try {
        const { job, options } = jobFor(ctx, args, db);
        if (args.directory) job.importDirectory(readDirectoryFile(resolve(ctx.io.cwd, args.directory)));
        const r = await provisionOnDemand(options, args.user ? { user: args.user } : { group: args.group as string, ...(args.member ? { members: args.member } : {}) });
        if (args.json) say(ctx, 'stdout', JSON.stringify(r, null, 2));
        else for (const s of r.steps) say(ctx, 'stdout', `${s.number}. ${s.name}: ${s.status}${s.details.length ? `\n   ${s.details.join('\n   ')}` : ''}`);
        if (!r.ok) ctx.exitCode = 1;
      } finally {
        db.close();
      }
    },
  };
}
