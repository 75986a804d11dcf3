/**
 * How the CLI hands a run to the Playwright process: non-secret options in a JSON file named by
 * SCIM_CONFORM_CONFIG, secrets only in environment variables (never written to disk or the output folder).
 */
import { readFileSync } from 'node:fs';
import { HarnessError } from './errors.js';

export const RUN_ENV = {
  config: 'SCIM_CONFORM_CONFIG',
  token: 'SCIM_CONFORM_TOKEN',
  clientSecret: 'SCIM_CONFORM_CLIENT_SECRET',
} as const;

export type Dialect = 'default' | 'aadOptscim062020';
export type DialectChoice = Dialect | 'both';
export type MatchingAttribute = 'userName' | 'externalId' | 'email';

export interface RunConfig {
  /** Tenant URL of the target. */
  url: string;
  /** True when the CLI started the embedded reference app. */
  embedded: boolean;
  outDir: string;
  /** Prefix on every resource this run creates, e.g. `scr-k3x9-`. */
  runPrefix: string;
  seed: number;
  dialect: DialectChoice;
  matchingAttribute: MatchingAttribute;
  groups: boolean;
  manager: boolean;
  /** App roles are mapped: checks that send `roles` run (USER-ROLES). */
  roles: boolean;
  /**
   * Absolute path of the vendor's Entra attribute mapping (`--attributes`); without it the checks write what the
   * endpoint declares in /Schemas, or Entra's default mapping.
   */
  attributesFile?: string;
  timeoutMs: number;
  only: string[];
  skip: string[];
  oauth?: { tokenUrl: string; clientId: string };
  caFile?: string;
  insecure: boolean;
  /** Where created ids are journaled as soon as the endpoint answers (cleanup after a crash). */
  journalFile: string;
  startedAt: string;
  /** Absolute path of a waivers file (`[{id, reason, expires}]`), applied by the reporter. */
  waivers?: string;
}

export interface RunSecrets {
  token?: string;
  clientSecret?: string;
}

export function readRunConfig(env: NodeJS.ProcessEnv = process.env): { config: RunConfig; secrets: RunSecrets } {
  const file = env[RUN_ENV.config];
  if (!file) {
    throw new HarnessError('HARNESS_CONFIG', `${RUN_ENV.config} is not set: start the suites through "scim-conform run", not "playwright test" alone`);
  }
  let config: RunConfig;
  try {
    config = JSON.parse(readFileSync(file, 'utf8')) as RunConfig;
  } catch (err) {
    throw new HarnessError('HARNESS_CONFIG', `cannot read the run configuration ${file}`, { cause: err });
  }
  const secrets: RunSecrets = {};
  const token = env[RUN_ENV.token];
  if (token) secrets.token = token;
  const clientSecret = env[RUN_ENV.clientSecret];
  if (clientSecret) secrets.clientSecret = clientSecret;
  return { config, secrets };
}
