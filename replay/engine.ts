/**
 * The replay: every step of the plan sent to the new build, one at a time in recorded order — which keeps each
 * resource's own order and the order across resources (a group's PATCH after its members' creates) without having
 * to guess which is which — with waits compressed (no recorded gap is waited for). Each answer is judged against
 * the recorded one (judge.ts), then every resource the recording created is read back and compared with the state
 * the recording implies (state.ts). Creates and deletes are reported as they happen, so the caller's journal can
 * sweep them even when the replay is interrupted.
 */
import type { ScimClient, ScimResponse } from '../core/client/scim-client.js';
import type { HttpMethod, ScimRequest } from '../core/client/request.js';
import { HarnessError, isScimConformError } from '../core/errors.js';
import type { CheckRecord, Exchange } from '../core/evidence.js';
import { Bindings, type Bound } from './bindings.js';
import { CheckIds, numbered, recordedExchange } from './evidence.js';
import type { FaultKind } from './faults.js';
import { sendWithFault } from './faulted-send.js';
import { finalStateChecks } from './final-state.js';
import { Identities } from './identity.js';
import { describeAnswer, judgeAnswer, verdictOf, type Finding, type Judged } from './judge.js';
import { createdId, idsInAnswer, idsReferenced, planOf, type Plan, type Step } from './plan.js';
import { resourceOf, type ResourceType } from './scim-path.js';
import { ImpliedState } from './state.js';
import type { Trace, TraceExchange } from './trace.js';

export interface ReplayJournal {
  created(r: Bound): void;
  deleted(r: { type: ResourceType; id: string }): void;
}

export interface ReplayOptions {
  /** The target's client (core/client/target.ts: TLS, credentials, timeouts, Entra-like retries). */
  client: ScimClient;
  /** The run prefix every templated identity starts with. */
  prefix: string;
  journal: ReplayJournal;
  faults?: ReadonlyMap<number, FaultKind>;
  /** Aborted: no further request is sent, and the final state is not read. */
  signal?: AbortSignal;
  /** How the trace is named in each check's location (`trace.jsonl#7`). */
  traceName: string;
  /** How long an injected 429's Retry-After (1 s) is waited for: waits are compressed. */
  retryAfterMs?: number;
}

export interface ReplayOutcome {
  records: CheckRecord[];
  interrupted: boolean;
  /** Distinct identities templated with the run prefix. */
  identities: number;
}

interface Run {
  opts: ReplayOptions;
  trace: Trace;
  plan: Plan;
  bindings: Bindings;
  checkIdOf: Map<number, string>;
}

const NAME_ATTR: Record<ResourceType, string> = { User: 'userName', Group: 'displayName' };
const ok = (status: number): boolean => status >= 200 && status < 300;

function nameIn(body: unknown, type: ResourceType): string | undefined {
  const v = (body as Record<string, unknown> | undefined)?.[NAME_ATTR[type]];
  return typeof v === 'string' ? v : undefined;
}

function titleOf(step: Step): string {
  const x = step.final;
  const path = x.request.path.length > 100 ? `${x.request.path.slice(0, 99)}…` : x.request.path;
  const recorded = x.response ? `recorded ${x.response.status}` : `recorded no answer (${x.error?.code ?? 'error'})`;
  return `#${x.seq} ${x.request.method} ${path} (${recorded})`;
}

type Identity = Pick<CheckRecord, 'id' | 'title' | 'requirements' | 'location'>;

function baseRecord(run: Run, step: Step): Identity {
  return {
    id: run.checkIdOf.get(step.seq) as string,
    title: titleOf(step),
    requirements: step.recordedFailure ? ['REPLAY-STATUS'] : ['REPLAY-STATUS', 'REPLAY-BODY', ...(run.opts.faults?.has(step.seq) ? ['REPLAY-RETRY'] : [])],
    location: `${run.opts.traceName}#${step.seq}`,
  };
}

/** Why a step cannot be sent: it names a create that failed now (blocked) or a resource the recording found (n/a). */
function precondition(run: Run, step: Step): Pick<CheckRecord, 'status' | 'blockedBy' | 'reason' | 'message'> | undefined {
  const x = step.final;
  const refs = [...idsReferenced(x, run.plan.seen)];
  const failedCreate = refs.find((id) => run.plan.created.has(id) && !run.bindings.get(id));
  if (failedCreate !== undefined) {
    const by = run.plan.created.get(failedCreate)?.seq ?? 0;
    const blockedBy = run.checkIdOf.get(by) ?? `#${by}`;
    return { status: 'blocked', blockedBy, message: `blocked by ${blockedBy}: it names the resource exchange #${by} created, and that create did not succeed now` };
  }
  const answered = resourceOf(x.request.path) && !step.recordedFailure ? idsInAnswer(x.response?.body) : [];
  const before = [...new Set([...refs, ...answered])].filter((id) => !run.plan.created.has(id));
  if (before.length > 0) {
    return {
      status: 'na',
      reason: `it concerns resources that existed before the recording (id ${before.slice(0, 3).join(', ')}${before.length > 3 ? ', …' : ''}); a replay has only what it creates, and never touches anything else`,
    };
  }
  return undefined;
}

function requestOf(run: Run, x: TraceExchange): ScimRequest {
  const contentType = x.request.headers['content-type'];
  return {
    // A trace may hold any method; the client sends it as it is.
    method: x.request.method as HttpMethod,
    path: run.bindings.path(x.request.path),
    ...(x.request.body !== undefined ? { body: run.bindings.body(x.request.body) } : {}),
    ...(contentType ? { headers: { 'content-type': contentType } } : {}),
    step: `replayed #${x.seq}`,
  };
}

/** Journals what an answer created or deleted; binds the recorded id to the new one for the answer judged. */
function noteWrites(run: Run, x: TraceExchange, req: ScimRequest, res: ScimResponse, judged: boolean): void {
  const target = resourceOf(req.path);
  if (!target) return;
  if (req.method === 'POST' && !target.id && ok(res.status)) {
    const id = (res.body as { id?: unknown } | undefined)?.id;
    const newId = typeof id === 'string' && id !== '' ? id : undefined;
    if (newId === undefined) return;
    const name = nameIn(res.body, target.type) ?? nameIn(req.body, target.type);
    const bound: Bound = { id: newId, type: target.type, ...(name !== undefined ? { name } : {}) };
    run.opts.journal.created(bound);
    const recordedId = judged ? createdId(x) : undefined;
    if (recordedId !== undefined && run.plan.created.has(recordedId)) run.bindings.bind(recordedId, bound);
  } else if (req.method === 'DELETE' && target.id && (ok(res.status) || res.status === 404)) {
    run.opts.journal.deleted({ type: target.type, id: target.id });
  }
}

function judgeStep(step: Step, res: ScimResponse, expected: unknown, extra: readonly Finding[], exchangeNo: number): Judged {
  const recorded = step.final;
  if (step.recordedFailure || !recorded.response) {
    const was = recorded.response ? describeAnswer(recorded.response) : `no answer (${recorded.error?.code ?? 'error'})`;
    return {
      status: 'info',
      message: `Recorded: ${was}, a failure of the recorded server and not behaviour to reproduce, so it is not judged. Now: ${describeAnswer(res)} (exchange #${exchangeNo}).`,
    };
  }
  const findings = [...judgeAnswer(recorded.response, { status: res.status, headers: res.headers, body: res.body, truncated: res.truncated }, expected), ...extra];
  return verdictOf(findings, exchangeNo);
}

async function replayStep(run: Run, step: Step): Promise<CheckRecord> {
  const started = performance.now();
  const base = baseRecord(run, step);
  const recorded = step.attempts.map((a) => recordedExchange(a, run.trace.header.upstream));
  const finish = (fields: Omit<CheckRecord, keyof Identity | 'exchanges' | 'durationMs'>, sent: readonly Exchange[] = []): CheckRecord => ({
    ...base,
    ...fields,
    exchanges: numbered([...recorded, ...sent]),
    durationMs: Math.round(performance.now() - started),
  });
  const blocked = precondition(run, step);
  if (blocked) return finish(blocked);

  const x = step.final;
  const req = requestOf(run, x);
  const client = run.opts.client.fork();
  const fault = run.opts.faults?.get(x.seq);
  const target = resourceOf(req.path);
  const create = req.method === 'POST' && target && !target.id ? { type: target.type, name: nameIn(req.body, target.type) } : undefined;
  let injected: Exchange[] = [];
  try {
    let judged: ScimResponse;
    let extra: Finding[] = [];
    if (fault) {
      const sent = await sendWithFault(client, req, fault, x.response?.status ?? 0, create, run.opts.retryAfterMs ?? 50);
      for (const a of sent.answers) noteWrites(run, x, req, a, a === sent.judged);
      ({ judged, injected } = sent);
      extra = sent.findings;
    } else {
      judged = await client.send(req);
      noteWrites(run, x, req, judged, true);
    }
    const verdict = judgeStep(step, judged, run.bindings.body(x.response?.body), extra, recorded.length + injected.length + judged.seq);
    return finish(verdict, [...injected, ...client.exchanges]);
  } catch (err) {
    const e = isScimConformError(err) ? err : new HarnessError('HARNESS_INTERNAL', `scim-conform bug: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    return finish({ status: 'error', message: e.message, errorCode: e.code }, [...injected, ...client.exchanges]);
  }
}

/** Replays a trace against the client's target; the records are ready for reports/build-report. */
export async function replay(trace: Trace, opts: ReplayOptions): Promise<ReplayOutcome> {
  const plan = planOf(trace.exchanges);
  const identities = Identities.of(trace.exchanges, opts.prefix);
  const ids = new CheckIds(Math.max(0, ...trace.exchanges.map((x) => x.seq)));
  const run: Run = {
    opts,
    trace,
    plan,
    bindings: new Bindings(identities),
    checkIdOf: new Map(plan.steps.map((s) => [s.seq, ids.exchange(s.seq, s.final.request.method, s.final.request.path)])),
  };
  const state = new ImpliedState(plan.created);
  const records: CheckRecord[] = [];
  for (const step of plan.steps) {
    if (opts.signal?.aborted) return { records, interrupted: true, identities: identities.size };
    records.push(await replayStep(run, step));
    state.observe(step);
  }
  if (opts.signal?.aborted) return { records, interrupted: true, identities: identities.size };
  records.push(...(await finalStateChecks(state.implied(), {
    client: opts.client,
    bindings: run.bindings,
    ids,
    traceName: opts.traceName,
    creatorCheck: (seq) => run.checkIdOf.get(seq) ?? `#${seq}`,
    createdBy: (id) => plan.created.get(id)?.seq ?? 0,
  })));
  return { records, interrupted: false, identities: identities.size };
}
