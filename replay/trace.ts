/**
 * The trace: JSON lines, a header first, then one exchange per line. Every writer (the proxy, the importers) redacts
 * and masks before a line is written, so a trace is safe to commit and to attach to a bug report. Paths are relative
 * to the tenant URL (`/Users?filter=…`), so a trace replays against any base path.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { HarnessError } from '../core/errors.js';

export const TRACE_VERSION = 1;

/** Where the exchanges came from. */
export type TraceSource = 'proxy' | 'har' | 'request-log' | 'emulator';

export interface TraceHeader {
  trace: typeof TRACE_VERSION;
  source: TraceSource;
  /** When the recording (or the import) started, ISO 8601. */
  recordedAt: string;
  /** The tenant URL the exchanges went to, credentials and query removed; absent when the source does not say. */
  upstream?: string;
  /** The attribute paths whose values were masked (lower case, `emails.value`). */
  masked: string[];
}

export interface TraceRequest {
  method: string;
  /** Relative to the tenant URL, with the query as sent: `/Users?filter=userName+eq+%22…%22`. */
  path: string;
  /** An allowlist of headers (content-type, accept, …); credentials only as `Bearer [REDACTED]`. */
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, else its text; absent when empty. */
  body?: unknown;
}

export interface TraceResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  /** The body was larger than the recording cap and was cut: it is not compared. */
  truncated?: boolean;
}

export interface TraceExchange {
  /** 1-based, in the order the requests were sent. */
  seq: number;
  /** When the request was sent, ISO 8601. */
  at: string;
  /** How long the answer took, in ms. */
  ms: number;
  request: TraceRequest;
  response?: TraceResponse;
  /** No answer: the stable code (TARGET_TIMEOUT, …) and a redacted message. */
  error?: { code: string; message: string };
}

export interface Trace {
  header: TraceHeader;
  exchanges: TraceExchange[];
}

/** A body as a trace holds it: parsed JSON when it parses, else the text; absent when empty. */
export function bodyFromText(text: string | undefined): { body?: unknown } {
  if (text === undefined || text === '') return {};
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: text };
  }
}

const bad = (message: string): HarnessError => new HarnessError('HARNESS_CONFIG', message);

/** Parses a JSON-lines file line by line; a line that is not a JSON object is an error naming it. */
export function jsonLines(text: string, name: string): Array<{ line: number; value: Record<string, unknown> }> {
  const out: Array<{ line: number; value: Record<string, unknown> }> = [];
  text.split('\n').forEach((l, i) => {
    if (l.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch {
      throw bad(`${name} line ${i + 1} is not JSON`);
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw bad(`${name} line ${i + 1} is not a JSON object`);
    out.push({ line: i + 1, value: v as Record<string, unknown> });
  });
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringMap(v: unknown): v is Record<string, string> {
  return isRecord(v) && Object.values(v).every((x) => typeof x === 'string');
}

function exchangeProblem(v: Record<string, unknown>): string | undefined {
  if (!Number.isInteger(v.seq) || (v.seq as number) < 1) return '"seq" is not a positive whole number';
  if (typeof v.at !== 'string' || typeof v.ms !== 'number') return '"at" (ISO time) or "ms" is missing';
  const req = v.request;
  if (!isRecord(req) || typeof req.method !== 'string' || typeof req.path !== 'string' || !req.path.startsWith('/')) {
    return '"request" needs a method and a path starting with "/"';
  }
  if (!isStringMap(req.headers)) return '"request.headers" is not an object of strings';
  const res = v.response;
  if (res !== undefined && (!isRecord(res) || !Number.isInteger(res.status) || !isStringMap(res.headers))) {
    return '"response" needs a status and headers';
  }
  const err = v.error;
  if (err !== undefined && (!isRecord(err) || typeof err.code !== 'string' || typeof err.message !== 'string')) {
    return '"error" needs a code and a message';
  }
  if (res === undefined && err === undefined) return 'neither "response" nor "error"';
  return undefined;
}

/** Parses a trace; anything it does not understand is a one-line configuration error naming the line. */
export function parseTrace(text: string, name: string): Trace {
  let header: TraceHeader | undefined;
  const exchanges: TraceExchange[] = [];
  for (const { line, value: v } of jsonLines(text, name)) {
    if (header === undefined) {
      if (v.trace !== TRACE_VERSION || typeof v.source !== 'string' || !Array.isArray(v.masked)) {
        throw bad(`${name} does not start with a trace header {"trace":${TRACE_VERSION},…}; record or import it with "scim-conform record"`);
      }
      header = v as unknown as TraceHeader;
      continue;
    }
    const problem = exchangeProblem(v);
    if (problem) throw bad(`${name} line ${line} is not a trace exchange: ${problem}`);
    exchanges.push(v as unknown as TraceExchange);
  }
  if (!header) throw bad(`${name} is empty; record a trace with "scim-conform record"`);
  exchanges.sort((a, b) => a.seq - b.seq);
  return { header, exchanges };
}

/** A file named on the command line, or a one-line configuration error naming it. */
export function readTextFile(file: string, name = file): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw bad(`${name} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function readTrace(file: string, name = file): Trace {
  return parseTrace(readTextFile(file, name), name);
}

/** Appends lines as they come; each is written at once (synchronously), so an interrupted recording keeps what it saw. */
export class TraceWriter {
  private readonly fd: number;
  private written = 0;

  constructor(file: string, header: TraceHeader) {
    try {
      this.fd = openSync(file, 'w', 0o600);
    } catch (err) {
      throw bad(`${file} cannot be written (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    writeSync(this.fd, `${JSON.stringify(header)}\n`);
  }

  append(x: TraceExchange): void {
    writeSync(this.fd, `${JSON.stringify(x)}\n`);
    this.written++;
  }

  get count(): number {
    return this.written;
  }

  close(): void {
    closeSync(this.fd);
  }
}
