/** `idp generate`: a seeded directory, as a JSON file, on stdout, or straight into an IdP state. */
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { importDirectory, loadDirectoryGenerator, openDb, writeJsonDirectory } from '../../../mock-idp/index.js';
import { say, usageError, type CliContext } from '../../context.js';
import { importSummaryLine } from './lines.js';

interface GenerateArgs {
  users: number;
  groups: number;
  seed: number;
  out?: string | undefined;
  prefix?: string | undefined;
  scope: string;
  state?: string | undefined;
}

export function generateCommand(ctx: CliContext): CommandModule<object, GenerateArgs> {
  return {
    command: 'generate',
    describe: 'Generate a seeded directory (JSON file, or straight into --state)',
    builder: (y) => y.options({
      users: { type: 'number', demandOption: true },
      groups: { type: 'number', default: 0 },
      seed: { type: 'number', default: 1 },
      prefix: { type: 'string', describe: 'Prefix on userPrincipalNames and group names' },
      scope: { type: 'string', choices: ['all', 'groups'], default: 'all', describe: 'all: no assignments; groups: assign every group' },
      out: { type: 'string', describe: 'JSON file to write (default: stdout)' },
      state: { type: 'string', describe: 'Import straight into this IdP state instead of writing a file' },
    }) as unknown as Argv<GenerateArgs>,
    handler: async (args) => {
      for (const [flag, v] of [['--users', args.users], ['--groups', args.groups], ['--seed', args.seed]] as const) {
        if (!Number.isInteger(v) || v < 0) throw usageError(`${flag} must be a whole number ≥ 0`);
      }
      const generate = await loadDirectoryGenerator();
      const dir = generate({ users: args.users, groups: args.groups, seed: args.seed, scope: args.scope as 'all' | 'groups', ...(args.prefix ? { prefix: args.prefix } : {}) });
      if (args.state) {
        const db = openDb(resolve(ctx.io.cwd, args.state));
        try {
          say(ctx, 'stdout', importSummaryLine('(generated)', importDirectory(db, dir)));
        } finally {
          db.close();
        }
      } else if (args.out) {
        writeJsonDirectory(resolve(ctx.io.cwd, args.out), dir);
        say(ctx, 'stdout', `wrote ${args.out}: ${dir.users.length} users, ${dir.groups?.length ?? 0} groups`);
      } else {
        ctx.io.stdout.write(`${JSON.stringify(dir, null, 2)}\n`);
      }
    },
  };
}
