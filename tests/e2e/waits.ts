/**
 * What end-to-end tests still wait for from other parts of the project. A test given `{ todo: WAITS.x }` runs and
 * reports, but its failure does not fail `npm test`; remove the marker when the piece lands.
 */
export const WAITS = {
  fakerLocale: 'waits for test-data/factory.ts to give Faker the base locale: location.countryCode() throws, so every check that generates a user errors with HARNESS_INTERNAL',
} as const;
