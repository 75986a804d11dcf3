/**
 * check(): Playwright's `test`, wrapped once so a check reads like an h2spec case and its metadata is data.
 * It validates requirement IDs at load time, tags the test (`@must`, `@USER-CREATE`) for --grep and writes the
 * annotations the reporter and JUnit read; run-check.ts runs the check (loaded when the first check runs, so that
 * listing the checks loads only what declaring them needs: lazy.ts).
 */
import { _baseTest as test, type TestInfo } from '@playwright/test';
import { HarnessError } from '../../core/errors.js';
import { ANNOTATION } from '../../core/evidence.js';
import { findRequirement, type Level, type Requirement } from '../../core/requirements.js';
import { areaOf, inDialect, isCheckId } from '../../core/check-id.js';
import type { Dialect, RunConfig } from '../../core/run-config.js';
import type { ScimClient } from '../../core/client/scim-client.js';
import type { EntraRequestBuilder, OktaRequestBuilder } from '../../mock-idp/request-shapes.js';
import type { Profile } from '../../core/profile.js';
import type { DataFactory } from '../../test-data/factory.js';
import type { CheckAttributes } from './attributes.js';
import { runContext } from './context.js';
import { forTarget, runTargets } from './targets.js';
import type { Ledger } from './ledger.js';
import type { MappedUser, Setup, UserOverrides } from './setup.js';
import type { TargetCapabilities } from './target.js';
import { strongest } from './classify.js';
import { callerLocation, type SpecLocation } from './location.js';
import { checkRunner } from './lazy.js';

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
      const { runCheck } = await checkRunner();
      await runCheck(declared, target, testInfo);
    });
  }
  return id;
}

/** What check() resolved once at load time, for every target of the run (suites/_harness/targets.ts). */
export interface Declared {
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
