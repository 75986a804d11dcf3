/** `idp test-connection`: Entra's Test Connection (or Okta's Test API Credentials) against the target, on a throwaway in-memory state
 * (Entra's probe reads the mappings saved in --state, so it filters on the job's matching attribute). */
import type { CommandModule } from 'yargs';
import { openDb } from '../../../mock-idp/index.js';
import { say, type CliContext } from '../../context.js';
import { oktaJobFor, testConnectionJob } from './job.js';
import { profileOptions, resolveProfile, targetOptions, type ProfileArgs, type TargetArgs } from './options.js';

export function testConnectionCommand(ctx: CliContext): CommandModule<object, TargetArgs & ProfileArgs> {
  return {
    command: 'test-connection',
    describe: "Entra's Test Connection (a filter for a random GUID, expecting 200 and an empty list), or Okta's Test API Credentials (GET /Users?startIndex=1&count=2, GET /Groups?startIndex=1&count=100)",
    builder: (y) => profileOptions(targetOptions(y)),
    handler: async (args) => {
      const { okta } = resolveProfile(args, { dialect: args.dialect, mappings: args.mappings, partition: args.partition });
      const db = openDb(':memory:');
      try {
        const r = await (okta ? oktaJobFor(ctx, args, db, okta).testCredentials() : testConnectionJob(ctx, args, db).testConnection());
        for (const c of r.checks) say(ctx, 'stdout', `${c.ok ? 'ok  ' : 'FAIL'} ${c.step}: ${c.message}`);
        if (!r.ok) ctx.exitCode = 1;
      } finally {
        db.close();
      }
    },
  };
}
