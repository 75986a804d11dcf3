/**
 * Playwright config for the defect matrix: the real suites against every reference-app instance (clean, and one
 * per defect) in ONE project, so the workers serve all instances instead of each instance starting its own
 * (one project per instance measured about 6× slower). The instances are a target set (SCIM_CONFORM_TARGETS, see
 * suites/_harness/targets.ts): each check is declared once per target, titled `… ⟨target⟩`; the grep below keeps,
 * per target, the checks citing its defect's requirements.
 */
import { defineConfig } from '@playwright/test';
import { readMatrixPlan } from './matrix-plan.js';

const plan = readMatrixPlan();

// Lookaheads, so the order in which Playwright joins title and tags does not matter.
const tagged = (ids: readonly string[]): string => `(?=.*@(?:${ids.join('|')})(?![\\w-]))`;
const on = (target: string): string => `(?=.*⟨${target}⟩)`;

export default defineConfig({
  testDir: '../../suites',
  testMatch: '**/*.spec.ts',
  outputDir: `${plan.out}/test-results`,
  fullyParallel: true,
  // Every instance runs in the test's own process on this machine: locally 2 workers beat DEFAULT_WORKERS (8, chosen
  // for far endpoints), 24 s against 30-31 s for this test at load 3.5-4.4 (2026-12-05).
  workers: 2,
  timeout: 60_000,
  use: { trace: 'off' },
  reporter: [['./matrix-reporter.ts', { outputFile: `${plan.out}/matrix.jsonl` }]],
  grep: plan.targets.map((t) => {
    const scope = plan.scope?.[t];
    return new RegExp(`^${on(t)}${scope ? tagged(scope) : ''}`);
  }),
  grepInvert: new RegExp(`^${tagged(['RATE-25RPS'])}(?!.*⟨(?:${plan.rateTargets.join('|')})⟩)`),
});
