import { TargetError } from '../errors.js';

/** Turns a network-level failure from undici into a TargetError with a stable code. */
export function toTargetError(err: unknown, what: string, timeoutMs: number): TargetError {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? e.name ?? '';
  if (/HEADERS_TIMEOUT|BODY_TIMEOUT|CONNECT_TIMEOUT|ETIMEDOUT|TimeoutError|AbortError/i.test(code)) {
    return new TargetError('TARGET_TIMEOUT', `${what}: no answer within ${timeoutMs} ms (raise --timeout if the endpoint is slow)`, { cause: err });
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(code)) {
    return new TargetError('TARGET_UNREACHABLE', `${what}: the endpoint cannot be reached (${code}); check the URL and that the server is running`, { cause: err });
  }
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_SSL/i.test(code)) {
    return new TargetError('TARGET_TLS', `${what}: TLS handshake failed (${code}); pass --ca FILE for a private CA or --insecure for a test server`, { cause: err });
  }
  if (/ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED/.test(code)) {
    return new TargetError('TARGET_RESET', `${what}: the connection was reset before a full answer (${code})`, { cause: err });
  }
  return new TargetError('TARGET_UNREACHABLE', `${what}: request failed (${code || e.message || 'unknown error'})`, { cause: err });
}
