/**
 * One object's work in one cycle: its own forked client (recording off: nothing reads an object's exchanges, and
 * an `--exchanges` log still gets each one through onExchange), the provisioning steps and modified properties for
 * the log, and sending with the mapping from HTTP result to error code.
 */
import { TargetError } from '../../core/errors.js';
import type { ScimClient, ScimResponse } from '../../core/client/scim-client.js';
import type { ScimRequest } from '../../core/client/request.js';
import { codeForStatus, codeForTargetError, OperationFailure } from '../escrow/error-codes.js';
import type { RetryAfterGate } from '../escrow/rate-limit.js';
import type { LogStep, ModifiedProperty, ProvisioningStatus, StepType } from '../logs/store.js';

export interface SendStats {
  requests: number;
  networkMs: number;
}

/** The SCIM error `detail` (or a snippet of the body) for a log line. */
export function describeFailure(res: ScimResponse): string {
  const b = res.body as { detail?: unknown; scimType?: unknown } | undefined;
  const detail = b && typeof b === 'object' && typeof b.detail === 'string' ? b.detail : res.text.slice(0, 200);
  const scimType = b && typeof b === 'object' && typeof b.scimType === 'string' ? ` (scimType ${b.scimType})` : '';
  return `${res.request.method} ${res.request.path} answered ${res.status}${scimType}${detail ? `: ${detail}` : ''}`;
}

/** What an object run needs of a job (Entra's and Okta's parts both carry it). */
export interface ObjectRunParts {
  readonly opts: { readonly client: ScimClient; readonly shareClient?: boolean | undefined };
  readonly gate: RetryAfterGate;
  readonly stats: SendStats;
}

/** One object's run for a job: through the shared client when the job's options say so. */
export function objectRunOf(parts: ObjectRunParts): ObjectRun {
  return new ObjectRun(parts.opts.client, parts.gate, parts.stats, parts.opts.shareClient ?? false);
}

export class ObjectRun {
  readonly steps: LogStep[] = [];
  readonly modified: ModifiedProperty[] = [];
  readonly started = performance.now();
  private readonly client: ScimClient;

  constructor(client: ScimClient, private readonly gate: RetryAfterGate, private readonly stats: SendStats, share: boolean) {
    this.client = share ? client : client.fork(undefined, { record: false });
  }

  step(type: StepType, status: ProvisioningStatus, description: string, details?: Record<string, string>): void {
    this.steps.push({ type, status, description, ...(details ? { details } : {}) });
  }

  /**
   * Sends and returns the response when its status is in `ok`; otherwise throws OperationFailure with the
   * docs/entra-behaviour.md §4.11 code. `byId` marks requests to a cached target id (404 ⇒ InvalidAnchor).
   */
  async send(req: ScimRequest, ok: readonly number[], opts: { byId?: boolean; reference?: boolean } = {}): Promise<ScimResponse> {
    for (let retries = 0; ; retries++) {
      await this.gate.pass();
      let res: ScimResponse;
      const t0 = performance.now();
      try {
        res = await this.client.send(req);
      } catch (err) {
        if (err instanceof TargetError) throw new OperationFailure(codeForTargetError(err), err.message, opts);
        throw err;
      } finally {
        this.stats.requests++;
        this.stats.networkMs += performance.now() - t0;
      }
      if (ok.includes(res.status)) return res;
      if (res.status === 429 && this.gate.onTooManyRequests(res.headers['retry-after'], retries)) continue;
      throw new OperationFailure(codeForStatus(res.status, req.method, opts.byId ?? false), describeFailure(res), { ...opts, status: res.status });
    }
  }

  get durationMs(): number {
    return Math.round(performance.now() - this.started);
  }
}
