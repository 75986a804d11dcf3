/** `idp logs`: the provisioning logs (Graph provisioningObjectSummary) as JSON, CSV or a table. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { readLogs, renderLogs, type LogFormat, type ProvisioningAction, type ProvisioningStatus } from '../../../mock-idp/index.js';
import type { CliContext } from '../../context.js';
import { openState, stateOption, type StateArgs } from './options.js';

interface LogsArgs extends StateArgs {
  format: string;
  cycle?: string | undefined;
  status?: string | undefined;
  action?: string | undefined;
  out?: string | undefined;
  limit?: number | undefined;
}

export function logsCommand(ctx: CliContext): CommandModule<object, LogsArgs> {
  return {
    command: 'logs',
    describe: 'Provisioning logs (Graph provisioningObjectSummary) as JSON, CSV or a table',
    builder: (y) => stateOption(y).options({
      format: { type: 'string', choices: ['json', 'csv', 'table'], default: 'table' },
      cycle: { type: 'string', describe: 'A cycle id, or "last"' },
      status: { type: 'string', choices: ['success', 'warning', 'failure', 'skipped'] },
      action: { type: 'string', choices: ['create', 'update', 'delete', 'stagedDelete', 'disable', 'other'] },
      limit: { type: 'number' },
      out: { type: 'string', describe: 'Write to this file instead of stdout' },
    }) as unknown as Argv<LogsArgs>,
    // The cast: yargs types `choices` options as plain strings; readLogs and renderLogs take what they allow.
    handler: (args) => {
      const db = openState(ctx, args);
      try {
        const entries = readLogs(db, {
          ...(args.cycle ? { cycle: args.cycle } : {}),
          ...(args.status ? { status: args.status as ProvisioningStatus } : {}),
          ...(args.action ? { action: args.action as ProvisioningAction } : {}),
          ...(args.limit ? { limit: args.limit } : {}),
        });
        const text = renderLogs(entries, args.format as LogFormat);
        if (args.out) writeFileSync(resolve(ctx.io.cwd, args.out), text);
        else ctx.io.stdout.write(ctx.redactor.text(text));
      } finally {
        db.close();
      }
    },
  };
}
