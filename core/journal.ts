/**
 * The records of the cleanup journal, one JSON object a line: the CLI's `run` header naming the target, then a
 * `created` line the moment the endpoint acknowledges a create and a `deleted` line when the resource is gone. The
 * harness's ledger (suites/_harness/ledger.ts) writes them, the CLI (cli/journal.ts, cli/sweep.ts) reads them back,
 * so both sides share these shapes.
 */
import type { ResourceType } from './resource-type.js';

/** A resource a run created. */
export interface JournaledResource {
  type: ResourceType;
  id: string;
  /** userName or displayName as created. */
  name?: string;
}

/** The first line, written by the CLI: where the run's resources live. */
export interface JournalHeader {
  op: 'run';
  url: string;
  runPrefix: string;
  embedded: boolean;
  at: string;
}

/** A create the endpoint acknowledged, or the delete that removed it. */
export interface JournalEntry extends JournaledResource {
  op: 'created' | 'deleted';
  at: string;
}
