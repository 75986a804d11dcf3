/** Small readers the processors share: values as the log shows them, list responses, the manager, mapping input. */
import type { ScimResponse } from '../../core/client/scim-client.js';
import type { EvalContext, Value } from '../expressions/compile.js';
import { readPath } from '../../core/filter/index.js';

/** A value as a provisioning log shows it: strings as they are, anything else as JSON. */
export const str = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

/** The manager id a SCIM resource carries (bare string or {value}). */
export function managerIdOf(resource: Record<string, unknown> | undefined): string | null {
  const m = readPath(resource, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager');
  if (typeof m === 'string') return m || null;
  if (m && typeof m === 'object' && typeof (m as { value?: unknown }).value === 'string') return (m as { value: string }).value || null;
  return null;
}

/** The resources of a ListResponse (either spelling of the key); none when the body is not one. */
export const listOf = (res: ScimResponse): Record<string, unknown>[] => {
  const b = res.body as { Resources?: unknown; resources?: unknown } | undefined;
  const r = b?.Resources ?? b?.resources;
  return Array.isArray(r) ? (r as Record<string, unknown>[]) : [];
};

/** Mapping input for one source object at the cycle's simulated time (expressions like Now() read it). */
export function evalContext(get: (name: string) => Value, now: number): EvalContext {
  return { get, now: () => new Date(now) };
}
