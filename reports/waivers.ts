/**
 * Waivers (`--waivers FILE`): a JSON array `[{ "id": "USER-PATCH-ADD", "reason": "…", "expires": "YYYY-MM-DD" }]`.
 * JSON rather than YAML so no parser dependency is needed and the file diffs cleanly.
 */
import { readFileSync } from 'node:fs';
import { HarnessError } from '../core/errors.js';
import { findRequirement } from '../core/requirements.js';

export interface Waiver {
  /** An exact requirement ID. */
  id: string;
  reason: string;
  /** YYYY-MM-DD: the last day (UTC) on which the waiver applies. */
  expires: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Validates a parsed waiver file; `source` names it in error messages. */
export function parseWaivers(data: unknown, source: string): Waiver[] {
  const bad = (why: string): HarnessError => new HarnessError('HARNESS_CONFIG', `waiver file ${source}: ${why}`);
  if (!Array.isArray(data)) throw bad('expected a JSON array of {id, reason, expires}');
  return data.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null) throw bad(`entry ${i} is not an object`);
    const { id, reason, expires } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || !findRequirement(id)) throw bad(`entry ${i}: unknown requirement ID ${JSON.stringify(id)}`);
    if (typeof reason !== 'string' || reason.trim() === '') throw bad(`entry ${i} (${id}): "reason" is required`);
    if (typeof expires !== 'string' || !DATE.test(expires) || Number.isNaN(Date.parse(expires))) {
      throw bad(`entry ${i} (${id}): "expires" must be a date YYYY-MM-DD`);
    }
    return { id, reason, expires };
  });
}

export function readWaivers(file: string): Waiver[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new HarnessError('HARNESS_CONFIG', `cannot read the waiver file ${file}`, { cause: err });
  }
  return parseWaivers(data, file);
}

/** True while `now` (UTC date) is on or before the waiver's expiry date. */
export function waiverActive(waiver: Waiver, now: Date): boolean {
  return now.toISOString().slice(0, 10) <= waiver.expires;
}
