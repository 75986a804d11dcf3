/** `scim-conform diff OLD.json NEW.json`: what changed per requirement; exit 1 when a MUST/COND newly fails. */
import type { Argv, CommandModule } from 'yargs';
import { diffReports, formatDiff } from '../../reports/diff.js';
import { EXIT, say, type CliContext } from '../context.js';
import { loadReport } from '../outcome.js';

interface DiffArgs {
  old?: string | undefined;
  new?: string | undefined;
}

export function diffCommand(ctx: CliContext): CommandModule<object, DiffArgs> {
  return {
    command: 'diff <old> <new>',
    describe: 'Compare two compliance.json files; exit 1 when a MUST/COND requirement newly fails',
    builder: (y: Argv) =>
      y
        .positional('old', { type: 'string', describe: 'compliance.json of the earlier run' })
        .positional('new', { type: 'string', describe: 'compliance.json of the later run' }) as unknown as Argv<DiffArgs>,
    // The cast: yargs types positionals as optional; the command string makes both required.
    handler: (args) => {
      const before = loadReport(args.old ?? '', 'OLD', ctx.io.cwd);
      const after = loadReport(args.new ?? '', 'NEW', ctx.io.cwd);
      const diff = diffReports(before, after);
      say(ctx, 'stdout', formatDiff(diff));
      ctx.exitCode = diff.newlyFailing.length > 0 ? EXIT.failed : EXIT.ok;
    },
  };
}
