/**
 * `idp`: the Microsoft Entra provisioning emulator on the command line — sync, test-connection, provision (on
 * demand), logs, restart, generate, import, status. The subcommands (and with them the emulator: SQLite and the
 * cycle engine) load only when `idp` is the command; they would otherwise slow every other command's start.
 */
import type { Argv, CommandModule } from 'yargs';
import type { CliContext } from '../../context.js';

export function idpCommand(ctx: CliContext): CommandModule<object, object> {
  return {
    command: 'idp <command>',
    describe: 'The Microsoft Entra provisioning emulator (mock IdP): cycles against a SCIM endpoint',
    builder: async (y: Argv) => (await import('./subcommands.js')).idpSubcommands(y, ctx),
    handler: () => undefined,
  };
}
