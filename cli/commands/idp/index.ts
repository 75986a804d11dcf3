/**
 * `idp`: the Microsoft Entra provisioning emulator on the command line — sync, test-connection, provision (on
 * demand), logs, restart, generate, import, status — and Okta's provisioning with `--profile okta` (sync,
 * test-connection, import-from-target) and the provisioning console (`idp console`). The subcommands (and with them the emulator: SQLite and the
 * cycle engine) load only when `idp` is the command; they would otherwise slow every other command's start.
 */
import type { Argv, CommandModule } from 'yargs';
import type { CliContext } from '../../context.js';

export function idpCommand(ctx: CliContext): CommandModule<object, object> {
  return {
    command: 'idp <command>',
    describe: 'The provisioning emulator (mock IdP): Microsoft Entra\'s cycles, or Okta\'s with --profile okta, against a SCIM endpoint',
    builder: async (y: Argv) => (await import('./subcommands.js')).idpSubcommands(y, ctx),
    handler: () => undefined,
  };
}
