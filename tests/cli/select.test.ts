import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { globToTagPattern, grepFor, splitGlobs, validateGlobs } from '../../cli/select.js';
import { playwrightTestArgs } from '../../cli/playwright.js';
import { isLoopback, parseTargetUrl, sameTarget } from '../../cli/target.js';

/** What Playwright matches --grep against: the title path, then the tags, joined by spaces. */
const titled = (title: string, tags: string[]): string => `create-user.spec.ts ${title} ${tags.join(' ')}`;
/** Playwright compiles a --grep string with the flags "gi". */
const matches = (pattern: string, s: string): boolean => new RegExp(pattern, 'gi').test(s);

describe('--only/--skip globs become --grep regexes over the @ID tags', () => {
  const create = titled('Sends POST /Users', ['@must', '@USER-CREATE']);
  const duplicate = titled('Sends POST /Users twice', ['@must', '@USER-CREATE-DUPLICATE']);
  const both = titled('Sends POST /Users with string booleans', ['@must', '@USER-CREATE-STRING-BOOLEANS', '@RESOURCE-SCHEMA']);
  const group = titled('Sends POST /Groups', ['@must', '@GROUP-CREATE']);

  test('an exact ID does not match a longer ID', () => {
    const p = globToTagPattern('USER-CREATE');
    assert.ok(matches(p, create), 'USER-CREATE matches its own tag');
    assert.ok(!matches(p, duplicate), 'USER-CREATE does not match @USER-CREATE-DUPLICATE');
    assert.ok(!matches(p, both), 'USER-CREATE does not match @USER-CREATE-STRING-BOOLEANS');
  });

  test('a trailing * matches every ID with that prefix, and nothing else', () => {
    const p = globToTagPattern('USER-*');
    assert.equal(p, '@USER-[^\\s]*(?=\\s|$)', 'USER-* → @USER-[^\\s]*');
    for (const s of [create, duplicate, both]) assert.ok(matches(p, s), `USER-* matches ${s}`);
    assert.ok(!matches(p, group), 'USER-* does not match GROUP-CREATE');
  });

  test('a leading * and a tag that is not the last one', () => {
    assert.ok(matches(globToTagPattern('*-DUPLICATE'), duplicate), '*-DUPLICATE matches USER-CREATE-DUPLICATE');
    assert.ok(!matches(globToTagPattern('*-DUPLICATE'), create), '*-DUPLICATE does not match USER-CREATE');
    assert.ok(matches(globToTagPattern('USER-CREATE-STRING-BOOLEANS'), both), 'an ID followed by another tag matches');
  });

  test('the title text never matches, only tags', () => {
    assert.ok(!matches(globToTagPattern('POST'), titled('Sends POST /Users', ['@must'])), 'a word of the title is not a tag');
  });

  test('several globs are alternatives; none gives no --grep', () => {
    const p = grepFor(['USER-CREATE', 'GROUP-*']);
    assert.ok(p && matches(p, create) && matches(p, group) && !matches(p, duplicate), 'either glob selects');
    assert.equal(grepFor([]), undefined, 'no globs, no pattern');
  });

  test('comma-separated and repeated values are split', () => {
    assert.deepEqual(splitGlobs(['USER-*,GROUP-CREATE', ' AUTH-REJECT ', '']), ['USER-*', 'GROUP-CREATE', 'AUTH-REJECT'], 'split and trimmed');
  });

  test('validation: odd characters and globs naming nothing are refused', () => {
    assert.doesNotThrow(() => validateGlobs(['USER-*', 'user-create', '*'], '--only'), 'catalogue IDs, any case, and * alone are fine');
    assert.throws(() => validateGlobs(['USER-(CREATE)'], '--only'), /use requirement IDs/, 'regex characters are refused');
    assert.throws(() => validateGlobs(['NOPE-*'], '--skip'), /--skip NOPE-\* matches no requirement ID/, 'a glob naming nothing is refused');
  });

  test('the Playwright command line carries the selection and never a secret', () => {
    const args = playwrightTestArgs({ only: ['USER-CREATE'], skip: ['USER-MANAGER'], shard: '1/2' });
    assert.deepEqual(args.slice(0, 2), ['test', '-c'], 'playwright test -c <config>');
    assert.ok(args[2]?.endsWith('playwright.config.ts'), 'the repo config');
    assert.deepEqual(args.slice(3), ['--grep', '(?:@USER-CREATE(?=\\s|$))', '--grep-invert', '(?:@USER-MANAGER(?=\\s|$))', '--shard', '1/2'], 'grep, grep-invert, shard (workers travel in the run configuration)');
  });
});

describe('target URL and loopback', () => {
  test('loopback hosts need no consent, others do', () => {
    for (const u of ['http://localhost:3000/scim', 'http://127.0.0.1/', 'http://127.4.5.6:1/', 'http://[::1]:8080/', 'http://api.localhost/']) {
      assert.ok(isLoopback(new URL(u)), `${u} is loopback`);
    }
    for (const u of ['https://scim.example.com/', 'http://10.0.0.1/', 'http://[::2]/', 'http://localhost.evil.com/', 'http://128.0.0.1/']) {
      assert.ok(!isLoopback(new URL(u)), `${u} is not loopback`);
    }
  });

  test('a trailing slash does not make another target', () => {
    assert.ok(sameTarget('https://x.example/scim/v2', 'https://x.example/scim/v2/'), 'same target');
    assert.ok(!sameTarget('https://x.example/scim/v2', 'https://x.example/scim'), 'another path is another target');
  });

  test('parseTargetUrl keeps paths and query flags', () => {
    assert.equal(parseTargetUrl('https://x.example/scim/v2?aadOptscim062020').href, 'https://x.example/scim/v2?aadOptscim062020', 'kept as given');
  });
});
