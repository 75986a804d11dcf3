/**
 * The emulator's exchange log (`idp sync --exchanges FILE`): one recorded exchange of core's SCIM client per line
 * ({at, seq, request: {method, url, headers, body}, response | error, attempt, ms}), already redacted by that client.
 */
import { HarnessError } from '../../core/errors.js';
import type { Exchange } from '../../core/evidence.js';
import { jsonLines } from '../trace.js';
import type { ImportedExchange } from './imported.js';

export function fromEmulatorLog(text: string, name: string): ImportedExchange[] {
  return jsonLines(text, name).map(({ line, value }) => {
    const x = value as unknown as Exchange & { at?: unknown };
    if (typeof x.at !== 'string' || typeof x.request?.url !== 'string' || typeof x.request.method !== 'string' || (!x.response && !x.error)) {
      throw new HarnessError('HARNESS_CONFIG', `${name} line ${line} is not an emulator exchange {at, request, response | error}`);
    }
    return {
      url: x.request.url,
      at: x.at,
      ms: typeof x.ms === 'number' ? x.ms : 0,
      request: { method: x.request.method, path: x.request.url, headers: x.request.headers ?? {}, ...(x.request.body !== undefined ? { body: x.request.body } : {}) },
      ...(x.response ? { response: { status: x.response.status, headers: x.response.headers ?? {}, ...(x.response.body !== undefined ? { body: x.response.body } : {}), ...(x.response.truncated ? { truncated: true } : {}) } } : {}),
      ...(x.error ? { error: x.error } : {}),
    };
  });
}
