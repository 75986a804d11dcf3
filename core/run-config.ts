/**
 * How a run is handed to the Playwright process, in one place: every environment variable it reads (RUN_ENV), the
 * run configuration (non-secret options in a JSON file named by SCIM_CONFORM_CONFIG, written by `scim-conform run`),
 * its validation, and the secrets (only in environment variables, never written to disk or the output folder).
 * A file is parsed and validated once per process; a bad value is a HARNESS_CONFIG error naming the field.
 */
import { readFileSync } from 'node:fs';
import { HarnessError } from './errors.js';
import { OKTA_APP_MODES, OKTA_USER_UPDATES, PROFILES, type OktaVariant, type Profile } from './profile.js';

/** Every environment variable the CLI (or a self-test) hands to the Playwright process. */
export const RUN_ENV = {
  /** Path of the run configuration (a RunConfig as JSON). */
  config: 'SCIM_CONFORM_CONFIG',
  /**
   * Path of a target set, `{"<name>": "<run configuration path>", …}`: the suites are declared once per named
   * target in one Playwright project (the defect matrix tests every reference-app instance this way).
   */
  targets: 'SCIM_CONFORM_TARGETS',
  token: 'SCIM_CONFORM_TOKEN',
  clientSecret: 'SCIM_CONFORM_CLIENT_SECRET',
  /** "1" when the CLI's own stdout is a terminal (Playwright's is a pipe through the redactor). */
  tty: 'SCIM_CONFORM_TTY',
} as const;

/**
 * Parallel Playwright workers when `run --workers` is not given, by where the endpoint is (the one place to tune it).
 * Chosen from the bench's latency figures (2 cores, 2026-12-05, load 1–9): behind 50 ms per request the suite took
 * 15.5 / 14.1 / 10.2 / 15.5 s, 15.3 / 11.4 / 11.2 / 19.3 s and 18.5 / 15.0 / 11.1 / 16.1 s with 2 / 4 / 8 / 16
 * workers in three runs, so a remote endpoint (20–200 ms away) gets 8. An endpoint on this machine shares its cores
 * with the workers, and there fewer are faster (2 workers 3.9 s, 8 workers 11.5 s): a loopback target, and the
 * embedded reference app, get 2 (docs/performance.md).
 */
export const DEFAULT_WORKERS = { remote: 8, loopback: 2 } as const;

/** The default worker count for a target: `loopback` when it runs on this machine (or is the embedded app). */
export function defaultWorkers(loopback: boolean): number {
  return loopback ? DEFAULT_WORKERS.loopback : DEFAULT_WORKERS.remote;
}

export type Dialect = 'default' | 'aadOptscim062020';
export type DialectChoice = Dialect | 'both';
export type MatchingAttribute = 'userName' | 'externalId' | 'email';

export const DIALECT_CHOICES: readonly DialectChoice[] = ['default', 'aadOptscim062020', 'both'];
export const MATCHING_ATTRIBUTES: readonly MatchingAttribute[] = ['userName', 'externalId', 'email'];

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
  /** Parallel Playwright workers (`run --workers N`, default `defaultWorkers(target is loopback)`). */
  workers: number;
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

/** The environment the Playwright process gets on top of the parent's (undefined: removed). */
export function runEnv(handoff: { configFile: string; token?: string | undefined; clientSecret?: string | undefined; tty?: boolean }): Record<string, string | undefined> {
  return {
    [RUN_ENV.config]: handoff.configFile,
    [RUN_ENV.token]: handoff.token,
    [RUN_ENV.clientSecret]: handoff.clientSecret,
    [RUN_ENV.tty]: handoff.tty ? '1' : undefined,
  };
}

const START_HINT = 'start the suites through "scim-conform run", which writes it';

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string' && v.length > 0;
const isBoolean: Check = (v) => typeof v === 'boolean';
const isPositiveInt: Check = (v) => Number.isInteger(v) && (v as number) >= 1;
const isStringArray: Check = (v) => Array.isArray(v) && v.every((s) => typeof s === 'string');
const oneOf = (values: readonly string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const isOauth: Check = (v) => typeof v === 'object' && v !== null && isString((v as Record<string, unknown>).tokenUrl) && isString((v as Record<string, unknown>).clientId);

function isOktaVariant(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return oneOf(OKTA_USER_UPDATES)(o.userUpdates) && oneOf(OKTA_APP_MODES)(o.mode) && Object.keys(o).length === 2;
}

/** Each field: its test, what a good value is (for the message), and whether it may be absent; a field of RunConfig without an entry here does not compile. */
const FIELDS: Record<keyof RunConfig, { ok: Check; want: string; optional?: true }> = {
  url: { ok: (v) => isString(v) && URL.canParse(v as string), want: 'an absolute URL' },
  profile: { ok: oneOf(PROFILES), want: PROFILES.join(' | ') },
  okta: { ok: isOktaVariant, want: `{"userUpdates": ${OKTA_USER_UPDATES.join(' | ')}, "mode": ${OKTA_APP_MODES.join(' | ')}}`, optional: true },
  embedded: { ok: isBoolean, want: 'true or false' },
  outDir: { ok: isString, want: 'a folder path' },
  runPrefix: { ok: isString, want: 'a non-empty prefix' },
  seed: { ok: (v) => Number.isInteger(v) && (v as number) >= 0, want: 'a whole number ≥ 0' },
  dialect: { ok: oneOf(DIALECT_CHOICES), want: DIALECT_CHOICES.join(' | ') },
  matchingAttribute: { ok: oneOf(MATCHING_ATTRIBUTES), want: MATCHING_ATTRIBUTES.join(' | ') },
  groups: { ok: isBoolean, want: 'true or false' },
  manager: { ok: isBoolean, want: 'true or false' },
  roles: { ok: isBoolean, want: 'true or false' },
  attributesFile: { ok: isString, want: 'a file path', optional: true },
  timeoutMs: { ok: isPositiveInt, want: 'a positive whole number of milliseconds' },
  workers: { ok: isPositiveInt, want: 'a positive whole number (run --workers N)' },
  only: { ok: isStringArray, want: 'an array of requirement IDs or globs' },
  skip: { ok: isStringArray, want: 'an array of requirement IDs or globs' },
  oauth: { ok: isOauth, want: '{"tokenUrl": "…", "clientId": "…"}', optional: true },
  caFile: { ok: isString, want: 'a file path', optional: true },
  insecure: { ok: isBoolean, want: 'true or false' },
  journalFile: { ok: isString, want: 'a file path' },
  startedAt: { ok: (v) => isString(v) && !Number.isNaN(Date.parse(v as string)), want: 'an ISO 8601 timestamp' },
  waivers: { ok: isString, want: 'a file path', optional: true },
};

/** Validates parsed JSON as a RunConfig; `source` names it in the message (a file path). */
export function parseRunConfig(json: unknown, source: string): RunConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new HarnessError('HARNESS_CONFIG', `run configuration ${source} is not a JSON object; ${START_HINT}`);
  }
  const obj = json as Record<string, unknown>;
  const problems: string[] = [];
  for (const [name, field] of Object.entries(FIELDS)) {
    const value = obj[name];
    if (value === undefined && field.optional) continue;
    if (!field.ok(value)) problems.push(`"${name}" must be ${field.want}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
  }
  if (obj.okta !== undefined && obj.profile !== 'okta') problems.push('"okta" settings need "profile": "okta"');
  const unknown = Object.keys(obj).filter((k) => !(k in FIELDS));
  if (unknown.length > 0) problems.push(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}`);
  if (problems.length > 0) {
    throw new HarnessError('HARNESS_CONFIG', `run configuration ${source}: ${problems.join('; ')}; ${START_HINT}`);
  }
  return obj as unknown as RunConfig;
}

function readJson(file: string, what: string, hint: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new HarnessError('HARNESS_CONFIG', `cannot read the ${what} ${file}: ${(err as Error).message}; ${hint}`, { cause: err });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HarnessError('HARNESS_CONFIG', `the ${what} ${file} is not JSON: ${(err as Error).message}; ${hint}`, { cause: err });
  }
}

/** Parsed configurations by path: the runner's config, reporter and every check in a worker share one parse. */
const loaded = new Map<string, RunConfig>();

/** The run configuration in `file`, read, parsed and validated once per process. */
export function loadRunConfig(file: string): RunConfig {
  let config = loaded.get(file);
  if (!config) {
    config = parseRunConfig(readJson(file, 'run configuration', START_HINT), file);
    loaded.set(file, config);
  }
  return config;
}

/** The path SCIM_CONFORM_CONFIG names, or a HARNESS_CONFIG error saying how to start the suites. */
export function runConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  const file = env[RUN_ENV.config];
  if (!file) throw new HarnessError('HARNESS_CONFIG', `${RUN_ENV.config} is not set: ${START_HINT}, not "playwright test" alone`);
  return file;
}

export function readRunSecrets(env: NodeJS.ProcessEnv = process.env): RunSecrets {
  const secrets: RunSecrets = {};
  const token = env[RUN_ENV.token];
  if (token) secrets.token = token;
  const clientSecret = env[RUN_ENV.clientSecret];
  if (clientSecret) secrets.clientSecret = clientSecret;
  return secrets;
}

export function readRunConfig(env: NodeJS.ProcessEnv = process.env): { config: RunConfig; secrets: RunSecrets } {
  return { config: loadRunConfig(runConfigFile(env)), secrets: readRunSecrets(env) };
}

/**
 * The target set SCIM_CONFORM_TARGETS names (target name → run configuration path), validated, or undefined
 * when the run has its one target (SCIM_CONFORM_CONFIG).
 */
export function readTargetSet(env: NodeJS.ProcessEnv = process.env): Record<string, string> | undefined {
  const file = env[RUN_ENV.targets];
  if (!file) return undefined;
  const json = readJson(file, 'target set', `${RUN_ENV.targets} names it; see suites/README.md`);
  const entries = typeof json === 'object' && json !== null && !Array.isArray(json) ? Object.entries(json) : [];
  const bad = entries.filter(([name, path]) => !/^[\w.-]+$/.test(name) || typeof path !== 'string' || path === '');
  if (entries.length === 0 || bad.length > 0) {
    throw new HarnessError('HARNESS_CONFIG', `target set ${file} must map target names (letters, digits, "-", "_", ".") to run configuration paths, e.g. {"clean": "/tmp/clean.json"}${bad.length ? `; bad: ${bad.map(([n]) => JSON.stringify(n)).join(', ')}` : ''}`);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}
