/** HAR 1.2 (browser dev tools, Fiddler, Charles, mitmproxy): `log.entries[]` with request, response and timings. */
import { HarnessError } from '../../core/errors.js';
import { bodyFromText } from '../trace.js';
import type { ImportedExchange } from './imported.js';

interface HarHeader {
  name: string;
  value: string;
}
interface HarEntry {
  startedDateTime: string;
  time?: number;
  request: { method: string; url: string; headers?: HarHeader[]; postData?: { text?: string } };
  response: { status: number; headers?: HarHeader[]; content?: { text?: string; encoding?: string } };
}

const bad = (message: string): HarnessError => new HarnessError('HARNESS_CONFIG', message);

function headersOf(list: HarHeader[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of list ?? []) {
    const k = h.name.toLowerCase();
    out[k] = out[k] === undefined ? h.value : `${out[k]}, ${h.value}`;
  }
  return out;
}

function isEntry(e: unknown): e is HarEntry {
  const x = e as HarEntry;
  return typeof x?.startedDateTime === 'string' && typeof x.request?.method === 'string' && typeof x.request.url === 'string' && typeof x.response?.status === 'number';
}

export function fromHar(text: string, name: string): ImportedExchange[] {
  let har: { log?: { entries?: unknown } };
  try {
    har = JSON.parse(text) as typeof har;
  } catch {
    throw bad(`${name} is not JSON; expected a HAR file ({"log":{"entries":[…]}})`);
  }
  if (!Array.isArray(har.log?.entries)) throw bad(`${name} has no log.entries; expected a HAR file`);
  return har.log.entries.map((e, i) => {
    if (!isEntry(e)) throw bad(`${name} entry ${i} lacks startedDateTime, request {method, url} or response {status}`);
    const content = e.response.content;
    const text = content?.encoding === 'base64' && content.text !== undefined ? Buffer.from(content.text, 'base64').toString('utf8') : content?.text;
    const request = { method: e.request.method, path: e.request.url, headers: headersOf(e.request.headers), ...bodyFromText(e.request.postData?.text) };
    const at = new Date(e.startedDateTime).toISOString();
    const ms = typeof e.time === 'number' && e.time >= 0 ? e.time : 0;
    // Status 0: the browser or proxy saw no answer (blocked, aborted, offline).
    if (e.response.status === 0) return { url: e.request.url, at, ms, request, error: { code: 'TARGET_UNREACHABLE', message: 'the HAR entry has no answer' } };
    return { url: e.request.url, at, ms, request, response: { status: e.response.status, headers: headersOf(e.response.headers), ...bodyFromText(text) } };
  });
}
