/**
 * Provisioning-log error codes (docs/entra-behaviour.md §4.11, howto-analyze-provisioning-logs.md) and how an HTTP result
 * becomes one. Transient codes are retried in the next cycle (~40 min); the rest follow the escrow schedule.
 */
import type { TargetError } from '../../core/errors.js';

export type ErrorCode =
  | 'Conflict' | 'EntryConflict' | 'TooManyRequests' | 'InternalServerError' | 'InsufficientRights' | 'MethodNotAllowed'
  | 'NotPermitted' | 'Unauthorized' | 'UnprocessableEntity' | 'WebExceptionProtocolError' | 'InvalidAnchor' | 'NotImplemented'
  | 'MandatoryFieldsMissing' | 'MissingValues' | 'SchemaAttributeNotFound' | 'InternalError' | 'InvalidDomain' | 'Timeout'
  | 'LicenseLimitExceeded' | 'DuplicateTargetEntries' | 'DuplicateSourceEntries' | 'ImportSkipped' | 'EntrySynchronizationSkipped'
  | 'SystemForCrossDomainIdentityManagementMultipleEntriesInResponse'
  | 'SystemForCrossDomainIdentityManagementServiceIncompatible' | 'SchemaPropertyCanOnlyAcceptValue'
  // Not in Microsoft's table: a mapping expression failed for this object / a deletion held back by the threshold.
  | 'ExpressionEvaluationFailed' | 'StagedDelete';

export const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['TooManyRequests', 'InternalServerError', 'WebExceptionProtocolError', 'InternalError', 'Timeout']);
/** Credential errors quarantine the job at once (EncounteredQuarantineException). */
export const CREDENTIAL: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['Unauthorized', 'InsufficientRights']);

/** The error code for a non-success HTTP status; `byId` says the request addressed a cached target id. */
export function codeForStatus(status: number, method: string, byId: boolean): ErrorCode {
  if (status === 401) return 'Unauthorized';
  if (status === 403) return 'InsufficientRights';
  if (status === 404) return byId ? 'InvalidAnchor' : 'WebExceptionProtocolError';
  if (status === 405) return 'MethodNotAllowed';
  if (status === 409) return method === 'POST' ? 'EntryConflict' : 'Conflict';
  if (status === 422) return 'UnprocessableEntity';
  if (status === 429) return 'TooManyRequests';
  if (status === 501) return 'NotImplemented';
  if (status >= 500) return 'InternalServerError';
  return 'WebExceptionProtocolError';
}

export function codeForTargetError(err: TargetError): ErrorCode {
  if (err.code === 'TARGET_TIMEOUT') return 'Timeout';
  if (err.code === 'TARGET_BAD_BODY') return 'SystemForCrossDomainIdentityManagementServiceIncompatible';
  return 'WebExceptionProtocolError';
}

/** The failure of one operation on one object, carried to the log and the escrow. */
export class OperationFailure extends Error {
  readonly code: ErrorCode;
  /** A reference failure (member, manager): not counted toward the 40 % threshold (§4.8). */
  readonly reference: boolean;
  readonly status?: number;
  constructor(code: ErrorCode, message: string, opts: { reference?: boolean; status?: number } = {}) {
    super(message);
    this.name = 'OperationFailure';
    this.code = code;
    this.reference = opts.reference ?? false;
    if (opts.status !== undefined) this.status = opts.status;
  }
  get transient(): boolean {
    return TRANSIENT.has(this.code);
  }
}
