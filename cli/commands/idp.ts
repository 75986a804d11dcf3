/**
 * `idp`: mock-idp's own command module (mock-idp/cli.ts), loaded only when `idp` is the command — SQLite and the
 * cycle engine would otherwise slow every other command's start.
 */
import type { Argv, CommandModule } from 'yargs';
import type { CliContext } from '../context.js';

export function idpCommand(ctx: CliContext): CommandModule<object, object> {
  return {
    command: 'idp <command>',
    describe: 'The Microsoft Entra provisioning emulator (mock IdP): cycles against a SCIM endpoint',
    builder: async (y: Argv) => {
      const real = (await import('../../mock-idp/cli.js')).idpCommand(ctx);
      return typeof real.builder === 'function' ? real.builder(y) : y.options(real.builder ?? {});
    },
    handler: () => undefined,
  };
}
