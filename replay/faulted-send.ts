/**
 * Sending one request of the trace with an injected fault (faults.ts says which), the way an IdP meets it. The
 * first real answer is judged against the recording as usual (it is the new build's behaviour for the request);
 * what REPLAY-RETRY judges is the repeat: for a create, a 409 or a success, after which the resource is found by
 * filter exactly once; for DELETE, a success or 404; for anything else, an answer of the recorded status class.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ScimClient, ScimResponse } from '../core/client/scim-client.js';
import type { ScimRequest } from '../core/client/request.js';
import type { Exchange } from '../core/evidence.js';
import type { FaultKind } from './faults.js';
import { describeAnswer, type Finding } from './judge.js';
import type { ResourceType } from './scim-path.js';

export interface FaultedSend {
  /** The answer judged against the recording. */
  judged: ScimResponse;
  /** Every answer the target gave (creates among them are journaled by the caller). */
  answers: ScimResponse[];
  /** REPLAY-RETRY findings. */
  findings: Finding[];
  /** Exchanges that never reached the target (an injected 429), shown before the client's. */
  injected: Exchange[];
}

const NAME_ATTR: Record<ResourceType, string> = { User: 'userName', Group: 'displayName' };

function retry(what: string, expected: string, actual: string): Finding {
  return { requirement: 'REPLAY-RETRY', what, expected, actual, code: 'SCIM_UNEXPECTED' };
}

const ok = (status: number): boolean => status >= 200 && status < 300;

/** Ids of the resources named exactly `name` (the templated userName or displayName). */
async function findByName(client: ScimClient, type: ResourceType, name: string): Promise<string[]> {
  const res = await client.send({
    method: 'GET',
    path: `/${type}s`,
    query: [['filter', `${NAME_ATTR[type]} eq ${JSON.stringify(name)}`]],
    step: `GET /${type}s?filter=${NAME_ATTR[type]} eq … (find the created resource, as Entra re-matches)`,
  });
  const list = (res.body as { Resources?: unknown } | undefined)?.Resources;
  return Array.isArray(list) ? list.flatMap((r) => (typeof (r as { id?: unknown })?.id === 'string' ? [(r as { id: string }).id] : [])) : [];
}

export async function sendWithFault(
  client: ScimClient,
  req: ScimRequest,
  fault: FaultKind,
  recordedStatus: number,
  create: { type: ResourceType; name: string | undefined } | undefined,
  retryAfterMs: number,
): Promise<FaultedSend> {
  const label = req.step ?? `${req.method} ${req.path}`;
  if (fault === '429') {
    const injected: Exchange = {
      seq: 0,
      step: `${label}: injected 429 Too Many Requests (not sent), Retry-After 1 s waited as ${retryAfterMs} ms`,
      request: { method: req.method, url: client.redactor.url(client.urlFor(req)), headers: {}, ...(req.body !== undefined ? { body: req.body } : {}) },
      response: { status: 429, headers: { 'retry-after': '1' } },
      ms: 0,
    };
    await sleep(retryAfterMs);
    const judged = await client.send({ ...req, step: `${label} (sent again after the 429)` });
    const findings = Math.floor(judged.status / 100) === Math.floor(recordedStatus / 100)
      ? []
      : [retry('the request sent again after a 429 is not answered as recorded', `${recordedStatus} class (as recorded)`, describeAnswer(judged))];
    return { judged, answers: [judged], findings, injected: [injected] };
  }
  const what = fault === '500' ? 'an injected 500' : 'an injected time-out';
  const first = await client.send({ ...req, step: `${label} (its answer withheld from the IdP: ${what})` });
  const again = await client.send({ ...req, step: `${label} (sent again after ${what})` });
  const findings: Finding[] = [];
  if (create) {
    if (again.status !== 409 && !ok(again.status)) {
      findings.push(retry('the repeated create is refused', '409 (scimType uniqueness), or a success that makes no duplicate', describeAnswer(again)));
    } else if (create.name !== undefined) {
      const found = await findByName(client, create.type, create.name);
      if (found.length !== 1) findings.push(retry(`after the repeated create, ${found.length} resources are named ${create.name}`, 'exactly one', `${found.length}`));
    }
  } else if (req.method === 'DELETE') {
    if (!ok(again.status) && again.status !== 404) findings.push(retry('the repeated DELETE fails', '2xx, or 404 (already deleted)', describeAnswer(again)));
  } else if (Math.floor(again.status / 100) !== Math.floor(recordedStatus / 100)) {
    findings.push(retry('the repeated request is not answered as recorded', `${recordedStatus} class (as recorded)`, describeAnswer(again)));
  }
  return { judged: first, answers: [first, again], findings, injected: [] };
}
