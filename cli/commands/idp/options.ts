/** The options the idp commands share: the state file every one reads, and the target the sending ones need. */
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { DEFAULT_TIMEOUT_MS } from '../../../core/client/defaults.js';
import { DEFAULT_CONCURRENCY, DEFAULT_MAPPINGS_FILE, OKTA_TIMEOUT_MS, openDb, type Db } from '../../../mock-idp/index.js';
import type { CliContext } from '../../context.js';

export const DEFAULT_STATE_FILE = 'scim-conform-idp.sqlite';

export interface StateArgs {
  state: string;
}
export interface TargetArgs extends StateArgs {
  url?: string | undefined;
  token?: string | undefined;
  dialect?: string | undefined;
  mappings?: string | undefined;
  directory?: string | undefined;
  concurrency: number;
  timeout?: number | undefined;
  ca?: string | undefined;
  insecure: boolean;
  'rate-limit': string;
  partition?: string | undefined;
  exchanges?: string | undefined;
}

export function stateOption(y: Argv): Argv<StateArgs> {
  return y.option('state', { type: 'string', default: DEFAULT_STATE_FILE, describe: 'SQLite file holding the IdP state (directory, links, escrow, logs)' });
}

export function targetOptions(y: Argv): Argv<TargetArgs> {
  return stateOption(y).options({
    url: { type: 'string', describe: 'Tenant URL of the SCIM endpoint (append ?aadOptscim062020 for the flagged dialect)' },
    token: { type: 'string', describe: 'Secret token sent as Authorization: Bearer (or SCIM_TOKEN)' },
    dialect: { type: 'string', choices: ['default', 'aadOptscim062020'], describe: 'PATCH dialect (default: from the tenant URL)' },
    mappings: { type: 'string', describe: `Attribute mappings JSON to make the job's mappings: saved in the state when it differs (test-connection only reads it). Default: the state's saved mappings, else Entra's non-gallery mapping, ${DEFAULT_MAPPINGS_FILE}` },
    directory: { type: 'string', describe: 'Directory file (JSON {users, groups, assignments?} or CSV) imported before the cycle' },
    concurrency: { type: 'number', default: DEFAULT_CONCURRENCY, describe: 'Objects in flight at once (each object is sequential)' },
    timeout: { type: 'number', describe: `Per-request timeout in ms (default ${DEFAULT_TIMEOUT_MS}; ${OKTA_TIMEOUT_MS}, Okta's, with --profile okta)` },
    ca: { type: 'string', describe: 'PEM CA bundle for a private CA' },
    insecure: { type: 'boolean', default: false, describe: 'Skip TLS verification (test servers only)' },
    'rate-limit': { type: 'string', choices: ['ignore-and-escrow', 'honor-retry-after'], default: 'ignore-and-escrow', describe: 'What a 429 does' },
    partition: { type: 'string', describe: 'i/n: handle only the i-th of n disjoint partitions (parallel jobs)' },
    exchanges: { type: 'string', describe: 'Append every SCIM exchange (redacted) as a JSON line to this file; "scim-conform record --import FILE" makes it a replay trace' },
  }) as unknown as Argv<TargetArgs>;
  // The cast: yargs types `choices` options as plain strings; the handlers validate them.
}

/** Opens the --state file (relative to the working directory); the caller closes it. */
export function openState(ctx: CliContext, args: StateArgs): Db {
  return openDb(resolve(ctx.io.cwd, args.state));
}

// Shared with `run` and `list`: the profile flags live in cli/profile-options.ts.
export { profileOptions, resolveProfile, type OktaSettings, type ProfileArgs } from '../../profile-options.js';
