/** `idp test-connection`: Entra's Test Connection against the target, on a throwaway in-memory state. */
import type { CommandModule } from 'yargs';
import { openDb } from '../../../mock-idp/index.js';
import { say, type CliContext } from '../../context.js';
import { jobFor } from './job.js';
import { targetOptions, type TargetArgs } from './options.js';

export function testConnectionCommand(ctx: CliContext): CommandModule<object, TargetArgs> {
  return {
    command: 'test-connection',
    describe: "Entra's Test Connection: filter for a random GUID on Users (and Groups), expecting 200 and an empty list",
    builder: targetOptions,
    handler: async (args) => {
      const db = openDb(':memory:');
      try {
        const { job } = jobFor(ctx, args, db);
        const r = await job.testConnection();
        for (const c of r.checks) say(ctx, 'stdout', `${c.ok ? 'ok  ' : 'FAIL'} ${c.step}: ${c.message}`);
        if (!r.ok) ctx.exitCode = 1;
      } finally {
        db.close();
      }
    },
  };
}
