/**
 * How the CLI hands a run to the Playwright process: non-secret options in a JSON file named by
 * SCIM_CONFORM_CONFIG, secrets only in environment variables (never written to disk or the output folder).
 */
import { readFileSync } from 'node:fs';
import { HarnessError } from './errors.js';
import { DEFAULT_PROFILE, isProfile, OKTA_APP_MODES, OKTA_USER_UPDATES, type OktaVariant, type Profile } from './profile.js';

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
  /** The IdP the run acts like: its checks, request shapes, catalogue and gallery (core/profile.ts). */
  profile: Profile;
  /** With profile `okta`: how Okta sends profile updates (`--okta-user-updates`) and the kind of app (`--okta-aiw`). */
  okta?: OktaVariant;
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
  validateProfile(config, file);
  const secrets: RunSecrets = {};
  const token = env[RUN_ENV.token];
  if (token) secrets.token = token;
  const clientSecret = env[RUN_ENV.clientSecret];
  if (clientSecret) secrets.clientSecret = clientSecret;
  return { config, secrets };
}

/**
 * A config file written before profiles existed runs Entra's checks; a profile or Okta variant that is not one of
 * ours is a HARNESS_CONFIG error naming the file (the CLI validates its flags, so this catches hand-made files).
 */
function validateProfile(config: RunConfig, file: string): void {
  config.profile ??= DEFAULT_PROFILE;
  if (!isProfile(config.profile)) {
    throw new HarnessError('HARNESS_CONFIG', `${file}: profile ${JSON.stringify(config.profile)} is none of entra, okta`);
  }
  const okta = config.okta;
  if (okta === undefined) return;
  if (config.profile !== 'okta') throw new HarnessError('HARNESS_CONFIG', `${file}: "okta" settings need profile "okta"`);
  if (!(OKTA_USER_UPDATES as readonly string[]).includes(okta.userUpdates) || !(OKTA_APP_MODES as readonly string[]).includes(okta.mode)) {
    throw new HarnessError('HARNESS_CONFIG', `${file}: okta settings ${JSON.stringify(okta)} need userUpdates put|patch and mode oin|aiw`);
  }
}
