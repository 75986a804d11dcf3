/**
 * The console API's errors: a stable code, an HTTP status and a message that says what to do. The page shows the
 * message as it is; a stack trace never leaves the process (docs/errors.md, "Provisioning console").
 */
export type ConsoleCode =
  | 'CONSOLE_BAD_INPUT'       // a field or query parameter the API cannot use (400)
  | 'CONSOLE_NO_CREDENTIALS'  // an action needs the tenant URL and secret token first (409)
  | 'CONSOLE_BUSY'            // a cycle is running on this state (409)
  | 'CONSOLE_NOT_FOUND'       // no such page, log entry or object (404)
  | 'CONSOLE_FORBIDDEN'       // a request from another site or host (403)
  | 'CONSOLE_INTERNAL';       // a bug in scim-conform (500)

const STATUS: Record<ConsoleCode, number> = {
  CONSOLE_BAD_INPUT: 400,
  CONSOLE_NO_CREDENTIALS: 409,
  CONSOLE_BUSY: 409,
  CONSOLE_NOT_FOUND: 404,
  CONSOLE_FORBIDDEN: 403,
  CONSOLE_INTERNAL: 500,
};

export class ConsoleError extends Error {
  readonly code: ConsoleCode;
  readonly status: number;
  constructor(code: ConsoleCode, message: string) {
    super(message);
    this.name = 'ConsoleError';
    this.code = code;
    this.status = STATUS[code];
  }
}

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string };
}
