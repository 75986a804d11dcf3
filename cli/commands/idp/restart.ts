/** `idp restart`: restart provisioning — the next cycle is initial; --reset also forgets every link. */
import type { CommandModule } from 'yargs';
import { restartJob } from '../../../mock-idp/index.js';
import { say, type CliContext } from '../../context.js';
import { openState, stateOption, type StateArgs } from './options.js';

export function restartCommand(ctx: CliContext): CommandModule<object, StateArgs & { reset: boolean }> {
  return {
    command: 'restart',
    describe: 'Restart provisioning: clear watermark, escrow and quarantine (--reset also breaks every link)',
    builder: (y) => stateOption(y).option('reset', { type: 'boolean', default: false, describe: 'resetScope Full: forget links, so every object is matched again' }),
    handler: (args) => {
      const db = openState(ctx, args);
      try {
        restartJob(db, args.reset);
        say(ctx, 'stdout', args.reset ? 'restarted with reset: the next cycle is initial and matches every object again' : 'restarted: the next cycle is initial (links kept)');
      } finally {
        db.close();
      }
    },
  };
}
