/**
 * check(): Playwright's `test`, wrapped once so a check reads like an h2spec case and its metadata is data.
 * It validates requirement IDs at load time, tags the test (`@must`, `@USER-CREATE`) for --grep, writes the
 * annotations the reporter and JUnit read, builds the per-check context (recorded SCIM session, Entra request
 * builder in the check's dialect, seeded data, cleanup ledger), classifies the outcome into a verdict, and
 * attaches one evidence record (plus Allure labels and one Allure attachment holding the exchanges).
 */
import { _baseTest as test, type TestInfo } from '@playwright/test';
import * as allure from 'allure-js-commons';
import { HarnessError } from '../../core/errors.js';
import { ALLURE_ATTRIBUTES_LABEL, ALLURE_VERDICT_LABEL, ANNOTATION, ATTRIBUTES_ATTACHMENT, EVIDENCE_ATTACHMENT, type CheckRecord, type CheckStatus } from '../../core/evidence.js';
import { findRequirement, type Level, type Requirement } from '../../core/requirements.js';
import { areaOf, inDialect, isCheckId } from '../../core/check-id.js';
import type { Dialect, RunConfig } from '../../core/run-config.js';
import type { ScimClient } from '../../core/client/scim-client.js';
import { createOktaRequestBuilder, createRequestBuilder, type EntraRequestBuilder, type OktaRequestBuilder } from '../../mock-idp/index.js';
import { DEFAULT_OKTA_VARIANT, type Profile } from '../../core/profile.js';
import { DataFactory, type GeneratedUser } from '../../test-data/factory.js';
import { CheckAttributes } from './attributes.js';
import { runClient, runContext } from './context.js';
import { forTarget, runTargets, type RunTarget } from './targets.js';
import { Ledger } from './ledger.js';
import { Setup, type MappedUser, type UserOverrides } from './setup.js';
import { targetCapabilities, type TargetCapabilities } from './target.js';
import { classify, strongest } from './classify.js';
import { NotApplicable } from './verdicts.js';
import { MEASUREMENT } from './measurement.js';
import { callerLocation, type SpecLocation } from './location.js';

export interface CheckSpec {
  /**
   * Stable, short, declared once: `<area>/<name>`, the area being the spec's folder (`users/create-duplicate`).
   * Reports, `diff`, `merge`, blockers and the defect matrix know the check by it; a check running per dialect is
   * `<id>@<dialect>`. Checks that others name as blockers take theirs from CHECK (check-ids.ts).
   */
  id: string;
  /** The stimulus, with a verb: "Sends POST /Users with a new userName". */
  title: string;
  requirements: string[];
  /** Microsoft SCIM Validator / 2026 gallery-suite tests this check covers (docs/validator-parity.md). */
  counterparts?: string[];
  /** Set for checks that run once per PATCH dialect. */
  dialect?: Dialect;
  /** Returns an n/a reason when the check does not apply to this target/run. */
  applies?: (caps: TargetCapabilities, config: RunConfig) => string | undefined;
  /** Playwright timeout for long checks (RATE-25RPS). */
  timeoutMs?: number;
  /**
   * The IdP profiles whose runs declare this check. Default: `okta` for checks in suites/okta/, `entra` for every
   * other folder; a check genuinely shared by both names both.
   */
  profiles?: readonly Profile[];
}

export interface CheckContext {
  /** Recorded SCIM client for this check: every exchange becomes evidence. */
  scim: ScimClient;
  /** Entra's request shapes in this check's dialect. */
  entra: EntraRequestBuilder;
  /** Okta's request shapes in the run's Okta variant (`--okta-user-updates`, `--okta-aiw`). */
  okta: OktaRequestBuilder;
  data: DataFactory;
  /** Creates prerequisites (users, groups) Entra's way, tracked for cleanup; a failed setup blocks the check. */
  setup: Setup;
  ledger: Ledger;
  config: RunConfig;
  caps: TargetCapabilities;
  /**
   * The attributes this check may write (what the endpoint declares, the vendor's mapping, or Entra's default):
   * `need` / `pick` choose them and record them in the evidence; n/a when the endpoint lacks them.
   */
  attrs: CheckAttributes;
  /** A generated user as Entra would send it to this endpoint: only declared attributes, `overrides` as given. */
  newUser(overrides?: UserOverrides): MappedUser;
  /** Boxed protocol step named like the wire: `PATCH /Users/{id} replace active=false`. */
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Ends as `info` instead of `pass` with this message (interesting behaviour, measurements). */
  info(message: string): void;
  testInfo: TestInfo;
}

function resolveRequirements(spec: CheckSpec): Requirement[] {
  return spec.requirements.map((id) => {
    const r = findRequirement(id);
    if (!r) {
      throw new HarnessError('HARNESS_UNKNOWN_REQUIREMENT', `check "${spec.title}" cites unknown requirement "${id}" (see core/requirements.ts)`);
    }
    return r;
  });
}

/** Where each declared ID was declared, to refuse a second check with the same one. */
const declaredIds = new Map<string, string>();

/** Refuses, at load time and naming the file, an ID that is malformed, in the wrong area or declared twice. */
function validateId(spec: CheckSpec, where: SpecLocation | undefined): string {
  const id = inDialect(spec.id, spec.dialect);
  const at = where ? `${where.file}:${where.line}` : 'a spec file';
  if (!isCheckId(spec.id)) {
    throw new HarnessError('HARNESS_CHECK_ID', `${at}: check id "${spec.id}" is not of the form area/words-with-dashes (lower case)`);
  }
  if (where && areaOf(spec.id) !== where.area) {
    throw new HarnessError('HARNESS_CHECK_ID', `${at}: check id "${spec.id}" must start with "${where.area}/", the folder it is declared in`);
  }
  const earlier = declaredIds.get(id);
  if (earlier !== undefined) throw new HarnessError('HARNESS_CHECK_ID', `${at}: check id "${id}" is already declared at ${earlier}`);
  declaredIds.set(id, at);
  return id;
}

/** Declares a check; returns the ID it runs under (with `@dialect` when it has one). */
export function check(spec: CheckSpec, body: (ctx: CheckContext) => Promise<void>): string {
  const where = callerLocation(check);
  const id = validateId(spec, where);
  const reqs = resolveRequirements(spec);
  const level = strongest(reqs);
  const title = spec.dialect ? `${spec.title} [${spec.dialect}]` : spec.title;
  const annotation = [
    { type: ANNOTATION.checkId, description: id },
    ...(where ? [{ type: ANNOTATION.location, description: `${where.file}:${where.line}` }] : []),
    ...reqs.map((r) => ({ type: ANNOTATION.requirement, description: r.id })),
    { type: ANNOTATION.level, description: level },
    ...(spec.counterparts ?? []).map((c) => ({ type: ANNOTATION.counterpart, description: c })),
    ...(spec.dialect ? [{ type: ANNOTATION.dialect, description: spec.dialect }] : []),
  ];
  const tag = [`@${level.toLowerCase()}`, ...reqs.map((r) => `@${r.id}`)];

  const declared: Declared = { id, spec, reqs, level, title, body, ...(where ? { location: `${where.file}:${where.line}` } : {}) };
  const profiles = spec.profiles ?? [areaOf(spec.id) === 'okta' ? 'okta' : 'entra'];
  for (const target of runTargets()) {
    // A run acts like one IdP: the other IdP's checks are not declared, so they are neither run nor reported.
    if (!profiles.includes(runContext(target).config.profile)) continue;
    const shown = forTarget(title, target);
    test(shown.title, { tag, annotation: [...annotation, ...shown.annotation] }, async ({}, testInfo) => {
      await runCheck(declared, target, testInfo);
    });
  }
  return id;
}

/** What check() resolved once at load time, for every target of the run (suites/_harness/targets.ts). */
interface Declared {
  /** The ID the check runs under. */
  id: string;
  spec: CheckSpec;
  reqs: Requirement[];
  level: Level;
  /** With the dialect, as shown. */
  title: string;
  location?: string;
  body: (ctx: CheckContext) => Promise<void>;
}

async function runCheck({ id, spec, reqs, level, title, body, location }: Declared, target: RunTarget, testInfo: TestInfo): Promise<void> {
  const { config } = runContext(target);
  // A check may wait out one request timeout (Okta's is 60 s) and still needs time to report and clean up.
  const timeout = spec.timeoutMs ?? Math.max(testInfo.timeout, 2 * config.timeoutMs);
  if (timeout !== testInfo.timeout) testInfo.setTimeout(timeout);
  const client = await runClient(target);
  const scim = client.fork();
  const ledger = new Ledger(config.journalFile, client.fork());
  const entra = createRequestBuilder({ dialect: spec.dialect ?? 'default', baseUrl: config.url });
  const okta = createOktaRequestBuilder(config.okta ?? DEFAULT_OKTA_VARIANT);
  const data = new DataFactory({ seed: config.seed, prefix: config.runPrefix, stream: id });
  const record: CheckRecord = {
    id,
    title,
    requirements: reqs.map((r) => r.id),
    status: 'pass',
    ...(spec.dialect ? { dialect: spec.dialect } : {}),
    ...(location ? { location } : {}),
    ...(spec.counterparts?.length ? { counterparts: spec.counterparts } : {}),
    exchanges: [],
    durationMs: 0,
  };
  let infoMessage: string | undefined;
  let attrs: CheckAttributes | undefined;
  const started = performance.now();
  let rethrow: unknown;
  let skipReason: string | undefined;
  try {
    const caps = await targetCapabilities(client, config);
    await shareAttributeSet(config.url, caps, testInfo);
    const naReason = spec.applies?.(caps, config);
    if (naReason) throw new NotApplicable(naReason);
    const checkAttrs = new CheckAttributes(caps.attributes);
    attrs = checkAttrs;
    // The factory spreads overrides as they are; only GeneratedUser's type is closed.
    const newUser = (overrides: UserOverrides = {}): MappedUser =>
      checkAttrs.prune(data.user(overrides as Partial<GeneratedUser>), Object.keys(overrides));
    const ctx: CheckContext = {
      scim, entra, okta, data, ledger, config, caps, testInfo, attrs: checkAttrs, newUser,
      setup: new Setup(scim, entra, data, newUser, ledger, spec.dialect ?? 'default'),
      step: (name, fn) => test.step(name, () => scim.withStep(name, fn), { box: true }),
      info: (message) => { infoMessage = message; },
    };
    await body(ctx);
    if (infoMessage) Object.assign(record, { status: 'info' satisfies CheckStatus, message: infoMessage });
    // Figures a passing check measured (rate, TLS version, token lifetime) travel as `measurement` annotations.
    const measured = testInfo.annotations.filter((a) => a.type === MEASUREMENT.annotation && a.description).map((a) => a.description);
    if (!record.message && measured.length) record.message = measured.join('; ');
  } catch (err) {
    const outcome = classify(err, reqs, level);
    Object.assign(record, outcome.fields);
    rethrow = outcome.rethrow;
    skipReason = outcome.skipReason;
  } finally {
    await ledger.cleanup();
    record.exchanges = scim.exchanges;
    const used = attrs?.recorded() ?? [];
    if (used.length > 0) record.attributes = used;
    record.durationMs = Math.round(performance.now() - started);
    await testInfo.attach(EVIDENCE_ATTACHMENT, { body: JSON.stringify(record), contentType: 'application/json' });
    // One attachment per check, not per exchange: each is a Playwright step with a captured stack in the worker
    // and an fsync'd file in the runner, and together they were most of a check's own overhead.
    if (record.exchanges.length) await allure.attachment('exchanges', JSON.stringify(record.exchanges, null, 2), 'application/json');
    await labelForAllure(areaOf(id), reqs, level, record.status, record.attributes ?? []);
  }
  if (skipReason) test.skip(true, skipReason);
  // Playwright discards a worker after every unexpected failure (a new process, 1–2 s). When the target broke a
  // rule or could not be reached the worker is sound, so the failure is declared expected and the worker stays;
  // verdicts come from the evidence record, and reports/allure.ts gives Allure its status back from the verdict
  // label. Our own bugs (HarnessError) still cost the worker: its state is not to be trusted.
  if (rethrow && !(rethrow instanceof HarnessError)) testInfo.fail();
  if (rethrow) throw rethrow;
}

/** Targets whose attribute set this worker has handed to the reporter (once each: the report prints it). */
const sharedAttributeSets = new Set<string>();

async function shareAttributeSet(url: string, caps: TargetCapabilities, testInfo: TestInfo): Promise<void> {
  if (sharedAttributeSets.has(url)) return;
  sharedAttributeSets.add(url);
  await testInfo.attach(ATTRIBUTES_ATTACHMENT, { body: JSON.stringify(caps.attributes.toJSON()), contentType: 'application/json' });
}

const SEVERITY: Record<Level, string> = { MUST: 'critical', COND: 'normal', SHOULD: 'minor' };

/** All labels in one call: each allure.* call is a message through Playwright's step machinery. */
async function labelForAllure(area: string, reqs: Requirement[], level: Level, verdict: CheckStatus, attributes: readonly string[]): Promise<void> {
  await allure.labels(
    ...(attributes.length ? [{ name: ALLURE_ATTRIBUTES_LABEL, value: attributes.join(', ') }] : []),
    { name: 'epic', value: area },
    ...reqs.map((r) => ({ name: 'feature', value: r.id })),
    { name: 'severity', value: SEVERITY[level] },
    { name: 'tag', value: level },
    { name: ALLURE_VERDICT_LABEL, value: verdict },
  );
}
