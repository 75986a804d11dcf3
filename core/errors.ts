/**
 * Three kinds of bad, three types (see docs/errors.md for every code's resolution):
 * - ConformanceFailure: the target broke a requirement;
 * - TargetError: the target could not be reached or answered something we cannot judge;
 * - HarnessError: our own bug or a bad configuration.
 */

export type ConformanceCode =
  | 'SCIM_STATUS'          // unexpected HTTP status
  | 'SCIM_HEADER'          // a required header is missing or wrong
  | 'SCIM_SCHEMA'          // a body does not validate against the RFC 7643/7644 schema
  | 'SCIM_VALUE'           // a value differs from what was sent or expected
  | 'SCIM_MISSING'         // a required element is absent
  | 'SCIM_UNEXPECTED';     // something is present that must not be

export type TargetCode =
  | 'TARGET_UNREACHABLE'   // connection refused, DNS failure
  | 'TARGET_TIMEOUT'       // no answer within --timeout
  | 'TARGET_RESET'         // connection reset mid-exchange
  | 'TARGET_TLS'           // TLS handshake failed
  | 'TARGET_BAD_BODY'      // the body is not JSON where JSON is required, or is truncated
  | 'TARGET_REDIRECT'      // a redirect we refuse to follow with credentials
  | 'TARGET_SETUP';        // a setup step the check depends on failed

export type HarnessCode =
  | 'HARNESS_CONFIG'       // bad flags, environment or files
  | 'HARNESS_UNKNOWN_REQUIREMENT'
  | 'HARNESS_CHECK_ID'     // a check id malformed, outside its folder's area, or declared twice
  | 'HARNESS_INTERNAL'     // a bug in scim-conform
  | 'HARNESS_INTERRUPTED'; // SIGINT/SIGTERM

export type ErrorCode = ConformanceCode | TargetCode | HarnessCode;

export interface FailureDetails {
  /** Requirement IDs the failure proves broken. */
  requirements?: readonly string[];
  /** Each acceptable alternative, human readable. */
  expected?: string;
  actual?: string;
  /** 1-based number of the exchange that shows the failure. */
  exchange?: number;
  hint?: string;
}

abstract class ScimConformError extends Error {
  abstract readonly kind: 'conformance' | 'target' | 'harness';
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

export class ConformanceFailure extends ScimConformError {
  readonly kind = 'conformance' as const;
  readonly details: FailureDetails;
  constructor(code: ConformanceCode, message: string, details: FailureDetails = {}) {
    super(code, message);
    this.details = details;
  }
}

export class TargetError extends ScimConformError {
  readonly kind = 'target' as const;
  constructor(code: TargetCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export class HarnessError extends ScimConformError {
  readonly kind = 'harness' as const;
  constructor(code: HarnessCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export type AnyScimConformError = ConformanceFailure | TargetError | HarnessError;

export function isScimConformError(e: unknown): e is AnyScimConformError {
  return e instanceof ConformanceFailure || e instanceof TargetError || e instanceof HarnessError;
}
