import type { Suite, TestCase } from '@playwright/test/reporter';

/** The spec file a test belongs to. test.location is check()'s call into test() in the harness, so ask the file suite. */
export function specFileOf(test: TestCase): string {
  let suite: Suite | undefined = test.parent;
  while (suite && suite.type !== 'file') suite = suite.parent;
  return suite?.location?.file ?? test.location.file;
}
