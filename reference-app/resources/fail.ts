/** The one place the app builds a ScimError, so call sites read `throw fail(404, '…')`. */
import { ScimError, type ScimType } from '../scim/scim-error.js';

export function fail(status: number, detail: string, scimType?: ScimType): ScimError {
  return new ScimError(status, scimType, detail);
}
