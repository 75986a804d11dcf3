/** Matching (docs/entra-behaviour.md §4.2): a source object without a link is looked up in the target before anything is created. */
import type { ScimResponse } from '../../core/client/scim-client.js';
import { OperationFailure } from '../escrow/error-codes.js';
import type { MappedValues } from '../scim-paths.js';
import type { CycleContext } from './context.js';
import type { ObjectRun } from './object-run.js';
import type { SourceType } from './state.js';
import { listOf } from './values.js';

/**
 * Each matching attribute in precedence order: 0 hits → the next attribute, 1 → that target object,
 * more → DuplicateTargetEntries. `undefined`: no match; 'skipped': no matching attribute had a value.
 */
export async function match(
  ctx: CycleContext, run: ObjectRun, type: SourceType, values: MappedValues,
  find: (attr: string, value: string) => Parameters<ObjectRun['send']>[0],
): Promise<Record<string, unknown> | undefined | 'skipped'> {
  const mapping = type === 'user' ? ctx.job.mappings.user : ctx.job.mappings.group;
  let tried = 0;
  for (const attr of mapping.matching) {
    const v = values[attr.target];
    const value = Array.isArray(v) ? v[0] : v;
    if (value === null || value === undefined || value === '') continue;
    tried++;
    let res: ScimResponse;
    try {
      res = await run.send(find(attr.target, String(value)), [200]);
    } catch (err) {
      if (err instanceof OperationFailure && err.status === 404) {
        // "An HTTP/404 Not Found response was returned rather than the expected HTTP/200 OK" (§4.8).
        ctx.abort ??= { reason: 'EncounteredQuarantineException', message: `SCIM compliance issue: a filter query answered 404 instead of 200 with an empty ListResponse (${err.message})` };
      }
      throw err;
    }
    const found = listOf(res);
    const total = typeof (res.body as { totalResults?: unknown })?.totalResults === 'number' ? ((res.body as { totalResults: number }).totalResults) : found.length;
    if (found.length === 0 && total === 0) {
      run.step('matching', 'success', `No ${type} matched ${attr.target} eq "${value}"`);
      continue;
    }
    if (found.length > 1 || total > 1) throw new OperationFailure('DuplicateTargetEntries', `${Math.max(found.length, total)} target ${type}s match ${attr.target} eq "${value}"`);
    const hit = found[0] as Record<string, unknown>;
    if (typeof hit.id !== 'string' || !hit.id) throw new OperationFailure('SystemForCrossDomainIdentityManagementServiceIncompatible', `the ${type} matching ${attr.target} eq "${value}" came back without an id`);
    run.step('matching', 'success', `Matched target ${type} ${hit.id} on ${attr.target}`);
    return hit;
  }
  return tried === 0 ? 'skipped' : undefined;
}
