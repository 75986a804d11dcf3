/**
 * Check IDs: declared by each check (`users/create-duplicate`), never derived from its title, so a reworded title
 * keeps its ID. The part before the slash is the area, the spec's folder under suites/. A check that runs once per
 * PATCH dialect is reported as `<id>@<dialect>`. IDs of releases before 0.2 were the title slugged and cut at 80
 * characters; `currentCheckId` reads those (old reports in `diff` and `merge`) as today's.
 */
import { readFileSync } from 'node:fs';

/** `area/words-joined-by-dashes`: lower-case letters and digits. */
export const CHECK_ID_PATTERN = /^[a-z]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isCheckId(id: string): boolean {
  return CHECK_ID_PATTERN.test(id);
}

/** The ID a check runs under: its declared ID, with `@dialect` when it runs once per PATCH dialect. */
export function inDialect(id: string, dialect: string | undefined): string {
  return dialect ? `${id}@${dialect}` : id;
}

/** `users` of `users/create@default`. */
export function areaOf(checkId: string): string {
  return checkId.split('/')[0] ?? checkId;
}

let legacy: Record<string, string> | undefined;

/** Old (title-derived) ID → declared ID, committed in legacy-check-ids.json when the IDs were declared. */
export function legacyCheckIds(): Record<string, string> {
  legacy ??= JSON.parse(readFileSync(new URL('./legacy-check-ids.json', import.meta.url), 'utf8')) as Record<string, string>;
  return legacy;
}

/** Today's ID for an ID read from a report, old or new. */
export function currentCheckId(id: string): string {
  return legacyCheckIds()[id] ?? id;
}
