/**
 * `--only` / `--skip` globs over requirement IDs, turned into Playwright `--grep` / `--grep-invert` regexes over
 * the `@<ID>` tags every check carries.
 */
import type { Profile } from '../core/profile.js';
import { catalogueFor, matchesIdGlob } from '../core/requirements.js';
import { usageError } from './context.js';

// IDs are letters, digits and dashes; with `*` as the only wildcard nothing in a glob needs regex escaping.
const GLOB = /^[A-Za-z0-9*-]+$/;

/** Splits repeated and comma-separated values (`--only A,B --only C`) and drops empties. */
export function splitGlobs(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** Throws a HARNESS_CONFIG error for a glob with odd characters or one that names no ID of the profile's catalogue. */
export function validateGlobs(globs: readonly string[], flag: string, profile: Profile = 'entra'): void {
  for (const glob of globs) {
    if (!GLOB.test(glob)) {
      throw usageError(`${flag} ${JSON.stringify(glob)}: use requirement IDs with * as wildcard, e.g. USER-* or USER-CREATE`);
    }
    if (!catalogueFor(profile).some((r) => matchesIdGlob(r.id, glob))) {
      throw usageError(`${flag} ${glob} matches no requirement ID of the ${profile} profile; "scim-conform list --profile ${profile}" shows them all`);
    }
  }
}

/** `USER-*` → `@USER-[^\s]*(?=\s|$)`: the lookahead keeps an exact ID from matching a longer one. */
export function globToTagPattern(glob: string): string {
  return `@${glob.split('*').join('[^\\s]*')}(?=\\s|$)`;
}

/** One regex for all globs, or undefined when there are none. Playwright compiles it case-insensitively. */
export function grepFor(globs: readonly string[]): string | undefined {
  if (globs.length === 0) return undefined;
  return globs.map((g) => `(?:${globToTagPattern(g)})`).join('|');
}
