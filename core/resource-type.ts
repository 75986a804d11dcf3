/** The SCIM resource types scim-conform provisions and checks (RFC 7643 §4.1 User, §4.2 Group). */
export type ResourceType = 'User' | 'Group';

/** True for 'User' and 'Group' (e.g. a type read back from a file). */
export function isResourceType(v: unknown): v is ResourceType {
  return v === 'User' || v === 'Group';
}
