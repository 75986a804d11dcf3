/**
 * Entra's mapped values folded into the resource a POST carries. Target paths are read, parsed and written by
 * core/filter (target-path.ts).
 */
import { readPath, writePath } from '../core/filter/index.js';

/** One mapped value: what an expression or a direct mapping yields. Null/undefined mean "nothing flows". */
export type MappedValue = string | number | boolean | null | undefined | readonly unknown[];
/** Target path → value, in mapping order. */
export type MappedValues = Record<string, MappedValue>;

const WORK_EMAIL = 'emails[type eq "work"]';

/**
 * Folds flat mapped values into a nested SCIM resource (no schemas/meta): sub-attributes into their complex
 * attribute, filtered paths into the matching multi-valued entry (the work email is primary, as Entra sends it),
 * extension paths under their schema URN. Empty values are omitted (Q15).
 */
export function buildResource(values: MappedValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') writePath(out, path, value);
  }
  if (readPath(out, WORK_EMAIL) !== undefined && readPath(out, `${WORK_EMAIL}.primary`) === undefined) {
    writePath(out, `${WORK_EMAIL}.primary`, true);
  }
  return out;
}
