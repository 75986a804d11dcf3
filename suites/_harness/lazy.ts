/**
 * What checks need only while they run, imported on first use. Playwright imports every spec file to list the
 * checks, in its runner (which never runs one) and in each worker before its first check; what a spec file imports
 * at the top is paid there, through Playwright's module loader, whether a check runs or not.
 */

type CheckRunner = typeof import('./run-check.js');
/** The mock IdP's front door, as lazy.ts loads it. */
export type Emulator = typeof import('../../mock-idp/index.js');

let runner: Promise<CheckRunner> | undefined;
let emulatorModule: Promise<Emulator> | undefined;

/** The check runner: the per-check context (data factory with faker, request builders, setup, ledger) and Allure. */
export function checkRunner(): Promise<CheckRunner> {
  runner ??= import('./run-check.js');
  return runner;
}

/** The mock IdP's job API (cycles, on-demand, mappings; SQLite): the lifecycle checks drive it. */
export function emulator(): Promise<Emulator> {
  emulatorModule ??= import('../../mock-idp/index.js');
  return emulatorModule;
}
