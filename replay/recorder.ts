/**
 * The recording proxy: the IdP talks to it instead of the app; it forwards every request to the upstream tenant URL
 * unchanged (undici, with the target's TLS settings) and hands the answer back unchanged, then writes the exchange
 * to the trace, sanitized. node:http listens because a proxy must pass any method, path and body through untouched,
 * which is what it does without a router; undici sends because it is the client everything else uses.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import { toTargetError } from '../core/client/errors-map.js';
import { URN } from '../core/urns.js';
import type { RawExchange, RawHeaders, Sanitizer } from './sanitize.js';
import { bodyFromText, type TraceWriter } from './trace.js';

export interface RecorderOptions {
  /** The tenant URL the IdP would otherwise use. */
  upstream: URL;
  host: string;
  /** 0 picks a free port. */
  port: number;
  trace: TraceWriter;
  sanitizer: Sanitizer;
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** Bodies are recorded up to this size (default 1 MiB) and forwarded whole. */
  maxRecordBytes?: number;
  /** Called once per request outside the tenant URL's path: forwarded, not recorded. */
  onNotRecorded?: (method: string, path: string) => void;
}

export interface RunningRecorder {
  /** The tenant URL to give the IdP instead of the upstream's. */
  url: string;
  close(): Promise<void>;
}

/** Headers that belong to one connection, never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length']);
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_RECORD = 1024 * 1024;

function forwardable(h: RawHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined || HOP_BY_HOP.has(k.toLowerCase())) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

async function readRequest(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) throw new Error(`request body larger than ${MAX_REQUEST_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function decoded(bytes: Buffer, encoding: string | undefined): Buffer {
  try {
    switch (encoding?.toLowerCase()) {
      case 'gzip': return gunzipSync(bytes);
      case 'deflate': return inflateSync(bytes);
      case 'br': return brotliDecompressSync(bytes);
      default: return bytes;
    }
  } catch {
    return bytes;
  }
}

/** A body as the trace holds it: JSON parsed, text as text, cut at the cap. */
function recordedBody(bytes: Buffer, cap: number): { body?: unknown; truncated?: boolean } {
  const text = bytes.toString('utf8');
  return text.length > cap ? { body: text.slice(0, cap), truncated: true } : bodyFromText(text);
}

export async function startRecorder(opts: RecorderOptions): Promise<RunningRecorder> {
  const base = opts.upstream.pathname.replace(/\/+$/, '');
  const cap = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD;
  let seq = 0;
  const warned = new Set<string>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const recorded = url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`);
    const number = recorded ? ++seq : 0;
    const at = new Date().toISOString();
    const started = performance.now();
    const method = req.method ?? 'GET';
    const raw: RawExchange = {
      seq: number,
      at,
      ms: 0,
      request: { method, path: recorded ? url.slice(base.length) || '/' : url, headers: req.headers },
    };
    try {
      const body = await readRequest(req);
      Object.assign(raw.request, recordedBody(body, cap));
      const answer = await request(new URL(url, opts.upstream.origin), {
        method: method as Dispatcher.HttpMethod,
        headers: forwardable(req.headers),
        ...(body.length > 0 ? { body } : {}),
        dispatcher: opts.dispatcher,
        headersTimeout: opts.timeoutMs,
        bodyTimeout: opts.timeoutMs,
      });
      const bytes = Buffer.from(await answer.body.arrayBuffer());
      res.writeHead(answer.statusCode, { ...forwardable(answer.headers), 'content-length': String(bytes.length) });
      res.end(bytes);
      const encoding = answer.headers['content-encoding'];
      raw.response = { status: answer.statusCode, headers: answer.headers, ...recordedBody(decoded(bytes, Array.isArray(encoding) ? encoding[0] : encoding), cap) };
    } catch (err) {
      const e = toTargetError(err, `${method} ${url}`, opts.timeoutMs);
      raw.error = { code: e.code, message: e.message };
      if (!res.headersSent) {
        // The IdP sees what a gateway answers when the app is down; the trace keeps the cause.
        res.writeHead(502, { 'content-type': 'application/scim+json' });
        res.end(JSON.stringify({ schemas: [URN.Error], status: '502', detail: `scim-conform record: the upstream did not answer (${e.code})` }));
      } else {
        res.destroy();
      }
    }
    raw.ms = performance.now() - started;
    if (recorded) opts.trace.append(opts.sanitizer.sanitize(raw));
    else if (!warned.has(url.split('?')[0] ?? url)) {
      warned.add(url.split('?')[0] ?? url);
      opts.onNotRecorded?.(method, url.split('?')[0] ?? url);
    }
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host;
  return {
    url: `http://${host}:${port}${base}`,
    // In-flight exchanges may finish (and be recorded) for a moment; idle keep-alive connections go at once.
    close: () => new Promise<void>((resolve) => {
      const force = setTimeout(() => server.closeAllConnections(), 2_000);
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    }),
  };
}
