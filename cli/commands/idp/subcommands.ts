/** The idp subcommands, registered on the `idp` command's yargs (index.ts loads this module only when idp runs). */
import type { Argv } from 'yargs';
import type { CliContext } from '../../context.js';
import { consoleCommand } from './console.js';
import { generateCommand } from './generate.js';
import { importCommand } from './import.js';
import { importFromTargetCommand } from './import-from-target.js';
import { logsCommand } from './logs.js';
import { provisionCommand } from './provision.js';
import { restartCommand } from './restart.js';
import { statusCommand } from './status.js';
import { syncCommand } from './sync.js';
import { testConnectionCommand } from './test-connection.js';

export function idpSubcommands(y: Argv, ctx: CliContext): Argv {
  return y
    .command(syncCommand(ctx))
    .command(testConnectionCommand(ctx))
    .command(provisionCommand(ctx))
    .command(logsCommand(ctx))
    .command(restartCommand(ctx))
    .command(generateCommand(ctx))
    .command(importCommand(ctx))
    .command(importFromTargetCommand(ctx))
    .command(statusCommand(ctx))
    .command(consoleCommand(ctx))
    .demandCommand(1, 'name an idp command: sync, test-connection, provision, logs, restart, generate, import, import-from-target, status or console');
}
