/**
 * REPLAY-STATE: after the last step, every resource the recording created is read back from the new build (GET by
 * its new id) and compared with the state the recording implies — only the attributes the recording shows, each
 * multi-valued one (members) element for element; gone when the recording deleted it.
 */
import type { ScimClient } from '../core/client/scim-client.js';
import { isScimConformError } from '../core/errors.js';
import type { CheckRecord } from '../core/evidence.js';
import type { Bindings } from './bindings.js';
import { compareBodies, describeDifference } from './compare.js';
import type { CheckIds } from './evidence.js';
import { numbered } from './evidence.js';
import { verdictOf, type Finding } from './judge.js';
import type { ImpliedResource } from './state.js';

export interface StateContext {
  client: ScimClient;
  bindings: Bindings;
  ids: CheckIds;
  traceName: string;
  /** The check of the step that created a resource (its blocker when the create failed now). */
  creatorCheck(seq: number): string;
  /** The step that created a recorded id. */
  createdBy(recordedId: string): number;
}

function stateFinding(what: string, expected: string, actual: string, code: Finding['code']): Finding {
  return { requirement: 'REPLAY-STATE', what, expected, actual, code };
}

/** The exchange that last wrote the attribute a difference is in: `members[value=7]` → the members PATCH. */
function writerOf(path: string, writtenBy: ReadonlyMap<string, number>): number | undefined {
  let best: string | undefined;
  for (const k of writtenBy.keys()) {
    const covers = path === k || ['.', '[', ':'].some((sep) => path.startsWith(`${k}${sep}`));
    if (covers && (best === undefined || k.length > best.length)) best = k;
  }
  return best === undefined ? undefined : writtenBy.get(best);
}

async function stateCheck(r: ImpliedResource, ctx: StateContext): Promise<CheckRecord> {
  const started = performance.now();
  const seq = ctx.createdBy(r.recordedId);
  const bound = ctx.bindings.get(r.recordedId);
  const base = {
    id: ctx.ids.state(r.type, seq),
    title: `Final state of the ${r.type.toLowerCase()} created by #${seq}${bound?.name ? ` (${bound.name})` : ''}`,
    requirements: ['REPLAY-STATE'],
    location: `${ctx.traceName}#${seq}`,
  };
  if (!bound) {
    const blockedBy = ctx.creatorCheck(seq);
    return { ...base, status: 'blocked', blockedBy, message: `blocked by ${blockedBy}: the create did not succeed now`, exchanges: [], durationMs: 0 };
  }
  const client = ctx.client.fork();
  try {
    const res = await client.send({ method: 'GET', path: `/${r.type}s/${encodeURIComponent(bound.id)}`, step: 'read back the final state' });
    const findings: Finding[] = [];
    const unknown = [...r.unknown].sort();
    if (!r.representation) {
      if (res.status !== 404) findings.push(stateFinding('the recording deleted it, but it is still there', '404 (deleted, as recorded)', String(res.status), 'SCIM_UNEXPECTED'));
    } else if (res.status !== 200) {
      findings.push(stateFinding('it cannot be read back', '200 with the resource', String(res.status), 'SCIM_MISSING'));
    } else {
      const expected = Object.fromEntries(Object.entries(r.representation).filter(([k]) => !r.unknown.has(k.toLowerCase())));
      const diffs = compareBodies(ctx.bindings.body(expected), res.body, { subset: true });
      if (diffs.length > 0) {
        const lines = diffs.map((d) => {
          const writer = writerOf(d.path, r.writtenBy);
          return `${describeDifference(d)}${writer !== undefined ? ` (written by #${writer})` : ''}`;
        });
        findings.push(stateFinding(`it differs from what the recording implies in ${diffs.length} place(s): ${lines.slice(0, 5).join('; ')}${diffs.length > 5 ? '; …' : ''}`, 'the state the recorded answers show', lines.join('; '), 'SCIM_VALUE'));
      }
    }
    const verdict = verdictOf(findings, res.seq);
    const note = unknown.length > 0 ? `Not compared (the recording does not show their final value): ${unknown.join(', ')}.` : undefined;
    return {
      ...base,
      ...verdict,
      ...(note ? { message: verdict.message ? `${verdict.message}\n${note}` : note } : {}),
      exchanges: numbered(client.exchanges),
      durationMs: Math.round(performance.now() - started),
    };
  } catch (err) {
    const code = isScimConformError(err) ? err.code : 'HARNESS_INTERNAL';
    return { ...base, status: 'error', message: err instanceof Error ? err.message : String(err), errorCode: code, exchanges: numbered(client.exchanges), durationMs: Math.round(performance.now() - started) };
  }
}

export async function finalStateChecks(implied: readonly ImpliedResource[], ctx: StateContext): Promise<CheckRecord[]> {
  const records: CheckRecord[] = [];
  for (const r of implied) records.push(await stateCheck(r, ctx));
  return records;
}
