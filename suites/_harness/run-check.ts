/**
 * Runs one declared check (check.ts): builds the per-check context (recorded SCIM session, Entra request builder in
 * the check's dialect, seeded data, cleanup ledger), classifies the outcome into a verdict, and attaches one
 * evidence record (the runner's Allure reporter makes the check's Allure labels and exchanges attachment from it:
 * reports/allure-labels.ts). Loaded through lazy.ts, in workers only, when their first check runs.
 */
import { _baseTest as test, type TestInfo } from '@playwright/test';
import { HarnessError } from '../../core/errors.js';
import { ATTRIBUTES_ATTACHMENT, EVIDENCE_ATTACHMENT, type CheckRecord, type CheckStatus } from '../../core/evidence.js';
import { createOktaRequestBuilder, createRequestBuilder } from '../../mock-idp/request-shapes.js';
import { DEFAULT_OKTA_VARIANT } from '../../core/profile.js';
import { DataFactory, type GeneratedUser } from '../../test-data/factory.js';
import { CheckAttributes } from './attributes.js';
import type { CheckContext, Declared } from './check.js';
import { runClient, runContext } from './context.js';
import type { RunTarget } from './targets.js';
import { Ledger } from './ledger.js';
import { Setup, type MappedUser, type UserOverrides } from './setup.js';
import { targetCapabilities, type TargetCapabilities } from './target.js';
import { classify } from './classify.js';
import { NotApplicable } from './verdicts.js';
import { MEASUREMENT } from './measurement.js';

export async function runCheck({ id, spec, reqs, level, title, body, location }: Declared, target: RunTarget, testInfo: TestInfo): Promise<void> {
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
    // The one attachment of a check: each is a Playwright step with a captured stack in the worker, so the runner's
    // Allure reporter makes the labels and the exchanges attachment from this record (reports/allure-labels.ts).
    await testInfo.attach(EVIDENCE_ATTACHMENT, { body: JSON.stringify(record), contentType: 'application/json' });
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
