/**
 * What a run of ours leaves on a target, and how it is removed, for every command that creates resources (`run`,
 * `replay`): the run prefix, the sweep of a journal a crashed run left in the output folder, and the sweep of this
 * run's own leftovers (by prefix too after an interrupt, when a create's answer may never have arrived).
 */
import { randomBytes } from 'node:crypto';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { ScimClient } from '../core/client/scim-client.js';
import type { TargetAccess } from '../core/client/target.js';
import type { Redactor } from '../core/redact.js';
import { say, type CliContext } from './context.js';
import type { JournaledResource } from '../core/journal.js';
import { readJournal } from './journal.js';
import { describeSweep, sweep, type SweepOptions } from './sweep.js';
import { sameTarget } from './target.js';

/** `scr-` and six random characters: every name a run gives starts with it. */
export function newRunPrefix(): string {
  return `scr-${Array.from(randomBytes(6), (b) => (b % 36).toString(36)).join('')}-`;
}

/** The client, loaded when a sweep has work: most runs have nothing to sweep, and undici costs ~140 ms to load. */
async function clientFor(access: TargetAccess & { url: string }, redactor: Redactor): Promise<ScimClient> {
  const { createTargetClient } = await import('../core/client/target.js');
  return createTargetClient(access, redactor);
}

/** Removes what the journal still lists (the run's own cleanup failed or was cut short). */
export async function sweepLeftovers(ctx: CliContext, access: TargetAccess & { url: string }, journalFile: string, extra: Pick<SweepOptions, 'prefix'>): Promise<void> {
  const { outstanding } = readJournal(journalFile);
  if (outstanding.length === 0 && !extra.prefix) return;
  say(ctx, 'stderr', `scim-conform: cleaning up ${outstanding.length} journaled resource(s)${extra.prefix ? ` and any named ${extra.prefix}…` : ''}`);
  try {
    const outcome = await sweep(await clientFor(access, ctx.redactor), { journaled: outstanding, ...extra });
    for (const line of describeSweep(outcome)) say(ctx, 'stderr', `  ${line}`);
  } catch (err) {
    say(ctx, 'stderr', `scim-conform: cleanup failed (${(err as Error).message}); the journal ${journalFile} keeps the ids for "scim-conform sweep"`);
  }
}

/**
 * A journal in the output folder with resources still outstanding means an earlier run against the same target
 * crashed: sweep them first. A journal for another target is kept aside for `scim-conform sweep`.
 * Returns what could not be removed, to carry into the new journal. `access` is undefined for the embedded app.
 */
export async function sweepEarlierRun(ctx: CliContext, outDir: string, access: (TargetAccess & { url: string }) | undefined, journalFile: string): Promise<JournaledResource[]> {
  const { header, outstanding } = readJournal(journalFile);
  if (!header || header.embedded || outstanding.length === 0) return [];
  if (!access || !sameTarget(header.url, access.url)) {
    const kept = join(outDir, `cleanup-journal.${header.at.replace(/[:.]/g, '-')}.jsonl`);
    renameSync(journalFile, kept);
    say(ctx, 'stderr', `scim-conform: an earlier run against ${header.url} left ${outstanding.length} resource(s); its journal is kept as ${kept} — remove them with: scim-conform sweep --url ${header.url} --journal ${kept}`);
    return [];
  }
  say(ctx, 'stdout', `An earlier run against this target did not finish its cleanup: sweeping the ${outstanding.length} resource(s) its journal lists first`);
  const outcome = await sweep(await clientFor({ ...access, url: header.url }, ctx.redactor), { journaled: outstanding });
  for (const line of describeSweep(outcome)) say(ctx, 'stdout', `  ${line}`);
  return outcome.failed.map(({ type, id, name }) => ({ type, id, ...(name ? { name } : {}) }));
}
