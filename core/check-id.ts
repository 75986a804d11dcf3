/** Stable check IDs: `<area>/<slug of title>[@dialect]`, the area being the spec's folder under suites/. Used by
 * the harness at run time and by `scim-conform list` from Playwright's JSON listing, so both agree. */
import { basename, dirname } from 'node:path';

export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/\[[^\]]*\]$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

export function areaOf(specFile: string): string {
  return basename(dirname(specFile));
}

export function checkId(specFile: string, title: string, dialect?: string): string {
  return `${areaOf(specFile)}/${slugify(title)}${dialect ? `@${dialect}` : ''}`;
}
