/**
 * The SCIM client every part of scim-conform sends through: undici underneath, one recorded and redacted
 * Exchange per attempt, Entra-like retries on 429/5xx for idempotent methods, a per-request timeout and a cap on
 * how much of a body is read, so a hostile endpoint can slow a run down but never stall or exhaust it.
 */
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { setTimeout as sleep } from 'node:timers/promises';
import { SCIM_CONTENT_TYPE } from '../urns.js';
import type { Exchange } from '../evidence.js';
import { createRedactor, type Redactor } from '../redact.js';
import { serializeQuery, type ScimRequest } from './request.js';
import { toTargetError } from './errors-map.js';
import { retryDelayMs } from './retry-delay.js';
import { DEFAULT_TIMEOUT_MS } from './defaults.js';

export interface ScimResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON if the body parses, else the raw text; undefined for an empty body. */
  body: unknown;
  text: string;
  /** True when the body was valid JSON. */
  json: boolean;
  /** The body hit the read cap and was cut. */
  truncated: boolean;
  ms: number;
  /** Sequence number of the recorded exchange (1-based, within this client). */
  seq: number;
  request: ScimRequest;
}

export type TokenProvider = () => Promise<string | undefined>;

export interface RetryPolicy {
  /** Attempts in all, including the first. 1 disables retries. */
  maxAttempts: number;
  /** Longest Retry-After (or backoff) honoured, in ms. */
  maxDelayMs: number;
}

export interface ScimClientOptions {
  /** Tenant URL, e.g. `https://api.contoso.com/scim/v2`. A query string on it (`?aadOptscim062020`) is dropped. */
  baseUrl: string;
  token?: TokenProvider;
  /** Every secret the redactor must scrub (static token, client secret). Tokens from `token` are added as seen. */
  secrets?: Iterable<string | undefined>;
  redactor?: Redactor;
  timeoutMs?: number;
  /** Bodies larger than this are cut while reading (default 2 MiB). */
  maxBodyBytes?: number;
  /** Bodies are recorded up to this size (default 64 KiB). */
  maxRecordBytes?: number;
  retry?: RetryPolicy;
  dispatcher?: Dispatcher;
  onExchange?: (ex: Exchange) => void;
  /**
   * Keep a redacted Exchange of every attempt in `exchanges` (default true). Off for a client whose exchanges no
   * one reads (the emulator's per-object clients): the redacted copies of each request and answer are then not
   * made at all, unless `onExchange` wants them.
   */
  record?: boolean;
}

const DEFAULT_MAX_BODY = 2 * 1024 * 1024;
const DEFAULT_MAX_RECORD = 64 * 1024;
const IDEMPOTENT = new Set(['GET', 'PUT', 'PATCH', 'DELETE']);

export function createAgent(opts: { ca?: string | Buffer; insecure?: boolean; connections?: number } = {}): Agent {
  return new Agent({
    connections: opts.connections ?? 16,
    keepAliveTimeout: 10_000,
    connect: { ...(opts.ca ? { ca: opts.ca } : {}), rejectUnauthorized: !opts.insecure },
  });
}

export class ScimClient {
  readonly baseUrl: string;
  readonly redactor: Redactor;
  readonly exchanges: Exchange[] = [];
  private readonly opts: ScimClientOptions;
  private readonly timeoutMs: number;
  private step: string | undefined;
  /** Origin of the exchanges' startMs. */
  private readonly createdAt = performance.now();

  constructor(opts: ScimClientOptions) {
    const u = new URL(opts.baseUrl);
    u.search = '';
    u.hash = '';
    this.baseUrl = u.toString().replace(/\/+$/, '');
    this.opts = opts;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.redactor = opts.redactor ?? createRedactor(opts.secrets ?? []);
  }

  /** The connection pool, with the target's TLS settings: requests beside the SCIM API (its OAuth token endpoint) use it too. */
  get dispatcher(): Dispatcher | undefined {
    return this.opts.dispatcher;
  }

  /** A client for the same target and connection pool with its own exchange log (one per check). */
  fork(onExchange?: (ex: Exchange) => void, o: { record?: boolean } = {}): ScimClient {
    return new ScimClient({ ...this.opts, redactor: this.redactor, ...(onExchange ? { onExchange } : {}), ...(o.record === undefined ? {} : { record: o.record }) });
  }

  urlFor(req: Pick<ScimRequest, 'path' | 'query' | 'queryStyle'>): string {
    const path = req.path.startsWith('/') ? req.path : `/${req.path}`;
    return `${this.baseUrl}${path}${serializeQuery(req.query, req.queryStyle)}`;
  }

  /** Sends one request; retries 429/5xx on idempotent methods per the retry policy; records every attempt. */
  async send(req: ScimRequest): Promise<ScimResponse> {
    const policy = this.opts.retry ?? { maxAttempts: 1, maxDelayMs: 0 };
    const canRetry = IDEMPOTENT.has(req.method);
    for (let attempt = 0; ; attempt++) {
      const res = await this.sendOnce(req, attempt);
      const retryable = res.status === 429 || res.status >= 500;
      if (!canRetry || !retryable || attempt + 1 >= policy.maxAttempts) return res;
      await sleep(Math.min(retryDelayMs(res.headers['retry-after'], attempt), policy.maxDelayMs));
    }
  }

  private async sendOnce(req: ScimRequest, attempt: number): Promise<ScimResponse> {
    const url = this.urlFor(req);
    const headers: Record<string, string> = { accept: `${SCIM_CONTENT_TYPE}, application/json`, ...req.headers };
    let payload: string | undefined;
    if (req.body !== undefined) {
      payload = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      headers['content-type'] ??= SCIM_CONTENT_TYPE;
    }
    if (req.auth && req.auth !== 'none') headers.authorization = req.auth.authorization;
    else if (req.auth !== 'none' && this.opts.token) {
      const token = await this.opts.token();
      if (token) {
        this.redactor.addSecret(token);
        headers.authorization = `Bearer ${token}`;
      }
    }
    const seq = this.exchanges.length + 1;
    const recording = this.opts.record !== false || this.opts.onExchange !== undefined;
    const exchange: Exchange | undefined = recording ? {
      seq,
      ...(req.step ?? this.step ? { step: req.step ?? this.step } : {}),
      request: {
        method: req.method,
        url: this.redactor.url(url),
        headers: this.redactor.headers(headers),
        ...(req.body !== undefined ? { body: this.redactor.body(req.body) } : {}),
      },
      ...(attempt > 0 ? { attempt } : {}),
      ms: 0,
    } : undefined;
    const started = performance.now();
    if (exchange) exchange.startMs = Math.round(started - this.createdAt);
    /** The attempt's ms; the exchange, when kept, is logged with it. */
    const record = (): number => {
      const ms = Math.round(performance.now() - started);
      if (!exchange) return ms;
      exchange.ms = ms;
      this.exchanges.push(exchange);
      this.opts.onExchange?.(exchange);
      return ms;
    };
    try {
      const res = await undiciRequest(url, {
        method: req.method,
        headers,
        ...(payload !== undefined ? { body: payload } : {}),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        maxRedirections: 0,
        ...(this.opts.dispatcher ? { dispatcher: this.opts.dispatcher } : {}),
      } as Parameters<typeof undiciRequest>[1]);
      const { text, truncated } = await readCapped(res.body, this.opts.maxBodyBytes ?? DEFAULT_MAX_BODY);
      const resHeaders = flattenHeaders(res.headers);
      let body: unknown = text.length > 0 ? text : undefined;
      let json = false;
      if (text.length > 0) {
        try {
          body = JSON.parse(text);
          json = true;
        } catch {
          // not JSON: checks that need JSON report it; the text stays as evidence
        }
      }
      if (exchange) {
        const maxRecord = this.opts.maxRecordBytes ?? DEFAULT_MAX_RECORD;
        const recordedTooBig = text.length > maxRecord;
        exchange.response = {
          status: res.statusCode,
          headers: this.redactor.headers(resHeaders),
          ...(body !== undefined
            ? { body: recordedTooBig ? this.redactor.text(text.slice(0, maxRecord)) : this.redactor.body(body) }
            : {}),
          ...(truncated || recordedTooBig ? { truncated: true } : {}),
        };
      }
      const ms = record();
      return { status: res.statusCode, headers: resHeaders, body, text, json, truncated, ms, seq, request: req };
    } catch (err) {
      const targetError = toTargetError(err, `${req.method} ${req.path}`, this.timeoutMs);
      if (exchange) exchange.error = { code: targetError.code, message: this.redactor.text(targetError.message) };
      record();
      throw targetError;
    }
  }

  /** Names the wire step for the exchanges sent inside `fn` (Playwright's test.step wraps this in the harness). */
  async withStep<T>(step: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.step;
    this.step = step;
    try {
      return await fn();
    } finally {
      this.step = previous;
    }
  }
}

export function createScimClient(opts: ScimClientOptions): ScimClient {
  return new ScimClient(opts);
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy?: () => void }, cap: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > cap) {
      chunks.push(chunk.subarray(0, chunk.length - (size - cap)));
      body.destroy?.();
      return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}
