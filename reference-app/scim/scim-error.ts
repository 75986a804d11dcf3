/** An error the server answers with the SCIM Error schema (RFC 7644 §3.12): HTTP status, scimType, detail. */
import { URN } from '../../core/urns.js';

export type ScimType =
  | 'invalidFilter' | 'invalidPath' | 'invalidValue' | 'noTarget' | 'mutability' | 'uniqueness'
  | 'invalidSyntax' | 'tooMany' | 'sensitive' | 'invalidVers';

export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;
  readonly detail: string;
  constructor(status: number, scimType: ScimType | undefined, detail: string) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
    this.detail = detail;
  }

  /** The response body: `status` is a string, as RFC 7644 §3.12 and Entra expect. */
  toJSON(): Record<string, unknown> {
    return {
      schemas: [URN.Error],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.detail,
    };
  }
}

/** 400 with a scimType: the shape almost every validation failure takes. */
export function badRequest(scimType: ScimType, detail: string): ScimError {
  return new ScimError(400, scimType, detail);
}
