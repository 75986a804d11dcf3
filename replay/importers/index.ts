/**
 * Importers: other capture points (a browser or proxy HAR, the reference app's request log, the emulator's exchange
 * log) into the trace format, sanitized exactly as the recording proxy sanitizes — in two passes, so a credential or
 * a PII value learned late is still redacted or masked where it appeared first.
 */
import { HarnessError } from '../../core/errors.js';
import type { Sanitizer, RawExchange } from '../sanitize.js';
import type { ImportedExchange } from './imported.js';
import { splitTenantPath } from '../scim-path.js';
import { TRACE_VERSION, readTextFile, type Trace, type TraceHeader, type TraceSource } from '../trace.js';
import { fromEmulatorLog } from './emulator.js';
import { fromHar } from './har.js';
import { fromRequestLog } from './request-log.js';

const bad = (message: string): HarnessError => new HarnessError('HARNESS_CONFIG', message);

export type ImportFormat = Exclude<TraceSource, 'proxy'>;
export const IMPORT_FORMATS: readonly ImportFormat[] = ['har', 'request-log', 'emulator'];

/** The format of a capture file, from its content. */
export function detectFormat(text: string, name: string): ImportFormat {
  const first = text.trimStart();
  if (first.startsWith('{') && /"log"\s*:\s*\{/.test(first.slice(0, 200))) return 'har';
  const line = first.split('\n')[0] ?? '';
  try {
    const v = JSON.parse(line) as Record<string, unknown>;
    if (v.request && typeof (v.request as Record<string, unknown>).url === 'string') return 'emulator';
    if (typeof v.method === 'string' && typeof v.url === 'string' && typeof v.status === 'number') return 'request-log';
  } catch {
    // fall through to the error below
  }
  throw bad(`${name} is not a HAR file, a reference-app request log or an emulator exchange log; name the format with --format`);
}

function readImported(format: ImportFormat, text: string, name: string): ImportedExchange[] {
  switch (format) {
    case 'har': return fromHar(text, name);
    case 'request-log': return fromRequestLog(text, name);
    case 'emulator': return fromEmulatorLog(text, name);
  }
}

/** A capture file as a trace: SCIM requests only, in the order they were sent, paths relative to the tenant URL. */
export function importTrace(file: string, format: ImportFormat | undefined, sanitizer: Sanitizer, masked: string[], name = file): Trace & { skipped: number } {
  const text = readTextFile(file, name);
  const source = format ?? detectFormat(text, name);
  const imported = readImported(source, text, name);
  let upstream: string | undefined;
  const raws: RawExchange[] = [];
  for (const x of [...imported].sort((a, b) => a.at.localeCompare(b.at))) {
    const u = new URL(x.url, 'http://importer.invalid');
    const split = splitTenantPath(`${u.pathname}${u.search}`);
    if (!split) continue;
    upstream ??= u.origin === 'http://importer.invalid' ? undefined : `${u.origin}${split.base}`;
    const { url: _url, ...rest } = x;
    raws.push({ ...rest, seq: raws.length + 1, request: { ...x.request, path: split.path } });
  }
  if (raws.length === 0) throw bad(`${name} holds no SCIM request (none to /Users, /Groups, /Schemas …)`);
  // First pass: learn every secret and PII value, so the second masks even their first appearance.
  for (const r of raws) sanitizer.sanitize(r);
  const exchanges = raws.map((r) => sanitizer.sanitize(r));
  const header: TraceHeader = { trace: TRACE_VERSION, source, recordedAt: raws[0]?.at ?? new Date().toISOString(), ...(upstream ? { upstream } : {}), masked };
  return { header, exchanges, skipped: imported.length - raws.length };
}
