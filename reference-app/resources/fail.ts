/**
 * The one place the app builds a SCIM error: `throw fail(404, '…')` where an operation gives up, `errorReply(…)`
 * where a reply is a value (the HTTP plumbing, a defect's response hook).
 */
import { URN } from '../../core/urns.js';
import type { ScimReply } from '../defects/types.js';
import { ScimError, type ScimType } from '../scim/scim-error.js';

export function fail(status: number, detail: string, scimType?: ScimType): ScimError {
  return new ScimError(status, scimType, detail);
}

export function errorReply(status: number, detail: string, scimType?: ScimType, headers: Record<string, string> = {}): ScimReply {
  return {
    status,
    headers,
    body: { schemas: [URN.Error], status: String(status), ...(scimType ? { scimType } : {}), detail },
  };
}
