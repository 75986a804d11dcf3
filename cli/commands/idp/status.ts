/** `idp status`: the simulated clock, watermark, quarantine, escrow and link counts of an IdP state. */
import type { CommandModule } from 'yargs';
import { jobStatus } from '../../../mock-idp/index.js';
import { say, type CliContext } from '../../context.js';
import { openState, stateOption, type StateArgs } from './options.js';

/** Escrow entries listed one by one; the count covers the rest. */
const ESCROW_LISTED = 20;

export function statusCommand(ctx: CliContext): CommandModule<object, StateArgs> {
  return {
    command: 'status',
    describe: 'Simulated clock, watermark, quarantine, escrow and link counts',
    builder: stateOption,
    handler: (args) => {
      const db = openState(ctx, args);
      try {
        const s = jobStatus(db);
        const q = s.quarantine;
        say(ctx, 'stdout', `profile ${s.profile}; clock ${s.clock ? new Date(s.clock).toISOString() : '(not started)'}; watermark ${s.watermark ?? '(none: next cycle is initial)'} of ${s.latestChange}`);
        say(ctx, 'stdout', `directory: ${s.directory.users} users, ${s.directory.groups} groups; links: ${s.links.map((l) => `${l.type} ${l.state} ${l.count}`).join(', ') || 'none'}`);
        say(ctx, 'stdout', q ? `QUARANTINED since ${new Date(q.since).toISOString()}: ${q.reason}: ${q.detail}` : 'not quarantined');
        say(ctx, 'stdout', `escrow: ${s.escrow.length} entr${s.escrow.length === 1 ? 'y' : 'ies'}`);
        for (const e of s.escrow.slice(0, ESCROW_LISTED)) say(ctx, 'stdout', `  ${e.type} ${e.id} ${e.op}: ${e.code} after ${e.attempts} attempt(s), next ${new Date(e.nextRetryAt).toISOString()}: ${e.message}`);
      } finally {
        db.close();
      }
    },
  };
}
