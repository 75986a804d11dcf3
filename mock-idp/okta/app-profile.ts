/**
 * What Okta knows of a directory object (docs/okta-behaviour.md §1.1): whether a user is assigned to the app and
 * active (Okta pushes those, deactivates the rest and never deletes), whether a group is pushed, the profile it
 * pushes for a user, and Okta's own id for it (sent as `externalId`).
 */
import { createHash } from 'node:crypto';
import { readPath } from '../../core/filter/index.js';
import type { DirectoryStore } from '../directory/store.js';
import type { DirectoryGroup, DirectoryUser } from '../directory/types.js';
import type { OktaUserProfile } from './requests.js';

/** Attribute path → value: what Okta writes into a PUT, and what a PATCH carries when it changed. */
export type ProfileValues = Record<string, string>;

/**
 * Assignment as Okta sees the directory: a user is assigned directly, through an assigned group, or by a
 * directory without assignments (every object in scope, as for Entra); it is active unless its sign-in is blocked
 * or it is deleted. The groups Okta pushes are the assigned ones (*derived*: Okta's "Push Groups" list is a
 * separate admin choice; the directory's group assignments stand for it).
 */
export class OktaScope {
  private readonly assignAll: boolean;
  private readonly assignedGroups: ReadonlySet<string>;

  constructor(private readonly dir: DirectoryStore) {
    this.assignAll = dir.assignAll();
    this.assignedGroups = new Set(dir.assignedGroups().keys());
  }

  /** Assigned and active: Okta keeps the app user active; otherwise it deactivates it. */
  wantsActive(user: DirectoryUser | undefined): boolean {
    if (!user || user.accountEnabled === false || user.deletedDateTime) return false;
    if (this.assignAll || this.dir.assignment(user.id) !== undefined) return true;
    return this.dir.groupsOf(user.id).some((g) => this.assignedGroups.has(g));
  }

  pushes(group: DirectoryGroup | undefined): boolean {
    return group !== undefined && (this.assignAll || this.dir.assignment(group.id) !== undefined);
  }
}

/** Okta's id for a user (`00u` and 17 letters or digits, like `00ujl29u0le5T6Aj10h7`), stable per directory id. */
export function oktaUserId(sourceId: string): string {
  return `00u${createHash('sha256').update(sourceId).digest('base64url').replace(/[-_]/g, '').slice(0, 17)}`;
}

/** The profile Okta pushes for a directory user: Okta's base attributes, read from the Graph-named directory. */
export function profileOf(user: DirectoryUser): OktaUserProfile {
  return {
    userName: user.userPrincipalName,
    givenName: user.givenName ?? '',
    familyName: user.surname ?? '',
    email: user.mail ?? user.userPrincipalName,
    ...(user.displayName ? { displayName: user.displayName } : {}),
    ...(user.preferredLanguage ? { locale: user.preferredLanguage } : {}),
    externalId: oktaUserId(user.id),
  };
}

/** The profile as attribute paths, the way the create body places each value. */
export function profileValues(p: OktaUserProfile): ProfileValues {
  return {
    userName: p.userName,
    'name.givenName': p.givenName,
    'name.familyName': p.familyName,
    'emails[type eq "work"].value': p.email,
    displayName: p.displayName ?? `${p.givenName} ${p.familyName}`,
    locale: p.locale ?? 'en-US',
    externalId: p.externalId,
  };
}

/** The values a target resource holds at the profile's paths (absent ones left out). */
export function valuesIn(resource: Record<string, unknown>, paths: Iterable<string>): ProfileValues {
  const out: ProfileValues = {};
  for (const path of paths) {
    const v = readPath(resource, path);
    if (v !== undefined && v !== null) out[path] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

/** The values of `next` that `previous` does not hold (all of them when there is no previous). */
export function changedValues(previous: ProfileValues | undefined, next: ProfileValues): ProfileValues {
  const out: ProfileValues = {};
  for (const [path, value] of Object.entries(next)) if (previous?.[path] !== value) out[path] = value;
  return out;
}

/** How a pushed group member is named: `value` is the target id, `display` the user's name. */
export function memberDisplay(user: DirectoryUser | undefined): string | undefined {
  return user?.displayName ?? user?.userPrincipalName;
}
