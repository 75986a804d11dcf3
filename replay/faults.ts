/**
 * `--fault KIND@N[,N…]`: make exchange #N of the trace meet a fault, to exercise the retry paths an IdP takes.
 * - `429`: the request is refused before it reaches the target (as a rate-limiting gateway would), then sent
 *   again after a compressed Retry-After;
 * - `500`, `timeout`: the request reaches the target and is processed, but its answer is withheld (a gateway
 *   failing after the app did the work, an answer arriving too late); the IdP then sends it again — a create
 *   as Entra recovers one: again, and on 409 it finds the resource by filter.
 */
import { HarnessError } from '../core/errors.js';

export type FaultKind = '429' | '500' | 'timeout';
export const FAULT_KINDS: readonly FaultKind[] = ['429', '500', 'timeout'];

const SPEC = /^(429|500|timeout)@(\d+(?:,\d+)*)$/i;

/** Exchange number → fault; a malformed spec or an exchange the trace does not hold is a configuration error. */
export function parseFaults(specs: readonly string[], seqs: ReadonlySet<number>): Map<number, FaultKind> {
  const faults = new Map<number, FaultKind>();
  for (const spec of specs.flatMap((s) => s.split(/\s+/)).filter((s) => s !== '')) {
    const m = SPEC.exec(spec);
    if (!m?.[1] || !m[2]) throw new HarnessError('HARNESS_CONFIG', `--fault ${spec}: expected KIND@N[,N…] with KIND one of ${FAULT_KINDS.join(', ')} and N an exchange number of the trace (e.g. 500@7)`);
    for (const n of m[2].split(',').map(Number)) {
      if (!seqs.has(n)) throw new HarnessError('HARNESS_CONFIG', `--fault ${spec}: the trace has no exchange #${n}`);
      faults.set(n, m[1].toLowerCase() as FaultKind);
    }
  }
  return faults;
}
