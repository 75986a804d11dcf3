/**
 * The request log (`logFile`): one JSON line per request, {time, method, url, status, ms, requestBody?,
 * responseBody?}. Everything goes through core/redact first, with every static token, client secret and
 * issued access token registered, so the file can be attached to a bug report as it is.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Redactor } from '../../core/redact.js';

export interface LogEntry {
  time: string;
  method: string;
  url: string;
  status: number;
  ms: number;
  requestBody?: unknown;
  responseBody?: unknown;
}

export class RequestLog {
  private readonly out: WriteStream;
  private readonly redactor: Redactor;

  private failed = false;

  /** A log that cannot be written (bad path, full disk) is reported once and then skipped: it never stops the server. */
  constructor(file: string, redactor: Redactor, onError: (err: unknown) => void) {
    this.out = createWriteStream(file, { flags: 'a' });
    this.out.on('error', (err) => {
      if (!this.failed) onError(err);
      this.failed = true;
    });
    this.redactor = redactor;
  }

  write(e: LogEntry): void {
    if (this.failed) return;
    const line: LogEntry = { ...e, url: this.redactor.text(e.url) };
    if (e.requestBody !== undefined) line.requestBody = this.redactor.body(e.requestBody);
    if (e.responseBody !== undefined) line.responseBody = this.redactor.body(parseMaybe(e.responseBody));
    this.out.write(`${JSON.stringify(line)}\n`);
  }

  close(): Promise<void> {
    if (this.failed) return Promise.resolve();
    return new Promise((resolve) => this.out.end(resolve));
  }
}

/** Response payloads arrive serialised; log them as JSON when they are, so field-name redaction applies. */
function parseMaybe(payload: unknown): unknown {
  if (typeof payload !== 'string' || payload === '') return payload === '' ? undefined : payload;
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}
