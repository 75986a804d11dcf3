/**
 * As many empty tests as the suite ran checks (env SCIM_CONFORM_FLOOR_TESTS), declared with the cheapest test
 * Playwright has (no browser fixtures), so the floor holds Playwright's start-up, its workers and its per-test
 * dispatch, and nothing of ours.
 */
import { _baseTest as test } from '@playwright/test';

const count = Number(process.env.SCIM_CONFORM_FLOOR_TESTS ?? '1');
if (!Number.isInteger(count) || count < 1) throw new Error(`SCIM_CONFORM_FLOOR_TESTS must be a whole number ≥ 1, not ${process.env.SCIM_CONFORM_FLOOR_TESTS}`);
for (let i = 1; i <= count; i++) test(`empty ${i}`, () => {});
