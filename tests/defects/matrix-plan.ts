/** What the matrix test hands its Playwright config (matrix.config.ts): a JSON file named by DEFECT_MATRIX_PLAN. */
import { readFileSync } from 'node:fs';

export const MATRIX_PLAN_ENV = 'DEFECT_MATRIX_PLAN';

export interface MatrixPlan {
  /** The target set's names, in order (the targets themselves travel as SCIM_CONFORM_TARGETS). */
  targets: string[];
  /** Targets that run the 10-second RATE-25RPS load (the clean one and the rate defect's). */
  rateTargets: string[];
  /** Per target: the requirement IDs whose checks it runs; absent = every check (the full matrix). */
  scope?: Record<string, readonly string[]>;
  out: string;
}

export function readMatrixPlan(env: NodeJS.ProcessEnv = process.env): MatrixPlan {
  const file = env[MATRIX_PLAN_ENV];
  if (!file) throw new Error(`${MATRIX_PLAN_ENV} is not set: matrix.config.ts is started by tests/defects/defect-matrix.test.ts`);
  return JSON.parse(readFileSync(file, 'utf8')) as MatrixPlan;
}
