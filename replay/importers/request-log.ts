/** The reference app's request log (`serve --log`): {time, method, url, status, ms, requestBody?, responseBody?} per line, written when the answer was sent. */
import { HarnessError } from '../../core/errors.js';
import { jsonLines } from '../trace.js';
import type { ImportedExchange } from './imported.js';

export function fromRequestLog(text: string, name: string): ImportedExchange[] {
  return jsonLines(text, name).map(({ line, value: v }) => {
    if (typeof v.method !== 'string' || typeof v.url !== 'string' || typeof v.status !== 'number' || typeof v.time !== 'string') {
      throw new HarnessError('HARNESS_CONFIG', `${name} line ${line} is not a request-log entry {time, method, url, status, ms}`);
    }
    const ms = typeof v.ms === 'number' ? v.ms : 0;
    // `time` is when the answer went out; the trace orders by when the request came in.
    const at = new Date(Date.parse(v.time) - ms).toISOString();
    return {
      url: v.url,
      at,
      ms,
      request: { method: v.method, path: v.url, headers: {}, ...(v.requestBody !== undefined ? { body: v.requestBody } : {}) },
      response: { status: v.status, headers: {}, ...(v.responseBody !== undefined ? { body: v.responseBody } : {}) },
    };
  });
}
