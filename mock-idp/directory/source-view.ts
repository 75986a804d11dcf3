/**
 * How mappings and scoping filters read a directory object: by Graph name, or by the provisioning-schema name
 * Entra's mapping UI shows (`telephoneNumber`, `mobile`, `physicalDeliveryOfficeName`, `objectId`), plus the
 * computed `IsSoftDeleted` and `appRoleAssignments`. Booleans read as "True"/"False", like Entra's.
 */
import type { Value } from '../expressions/compile.js';
import type { DirectoryGroup, DirectoryUser } from './types.js';

const ALIASES: Record<string, (o: Record<string, unknown>) => unknown> = {
  objectId: (o) => o.id,
  telephoneNumber: (o) => (Array.isArray(o.businessPhones) ? o.businessPhones[0] : undefined),
  mobile: (o) => o.mobilePhone,
  facsimileTelephoneNumber: (o) => o.faxNumber,
  physicalDeliveryOfficeName: (o) => o.officeLocation,
  sn: (o) => o.surname,
  proxyAddresses: (o) => o.proxyAddresses,
};

export function toValue(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map((x) => String(x));
  return JSON.stringify(v);
}

function lookup(obj: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(obj, name)) return obj[name];
  const alias = ALIASES[name];
  if (alias) return alias(obj);
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

export interface UserFacts {
  /** Unassigned, out of scope, soft-deleted or sign-in blocked (customize-application-attributes.md). */
  isSoftDeleted: boolean;
  appRoles: readonly string[];
}

export function userSource(user: DirectoryUser, facts: UserFacts): (name: string) => Value {
  return (name) => {
    if (name === 'IsSoftDeleted') return facts.isSoftDeleted ? 'True' : 'False';
    if (name === 'appRoleAssignments') return facts.appRoles.length ? facts.appRoles : null;
    if (name === 'accountEnabled') return user.accountEnabled === false ? 'False' : 'True';
    return toValue(lookup(user, name));
  };
}

export function groupSource(group: DirectoryGroup): (name: string) => Value {
  return (name) => (name === 'members' ? null : toValue(lookup(group, name)));
}
