/**
 * Validates a whole directory before anything is written (nothing half-imported): types of known Graph
 * properties, unique ids and userPrincipalNames, and references (manager, members, assignments) that resolve.
 */
import { HarnessError } from '../../core/errors.js';
import {
  GROUP_BOOLEAN_PROPS, GROUP_STRING_PROPS, USER_BOOLEAN_PROPS, USER_LIST_PROPS, USER_STRING_PROPS,
  type DirectoryInput,
} from './types.js';

export type PathSegment = string | number;
export interface Issue {
  /** JSON path of the offending value, e.g. ['users', 12, 'accountEnabled']. */
  path: PathSegment[];
  message: string;
  /** Where in the file, when known (filled by the JSON/CSV readers). */
  location?: string;
}

export const MAX_ISSUES = 20;

export class DirectoryImportError extends HarnessError {
  readonly issues: Issue[];
  constructor(file: string, issues: Issue[]) {
    const lines = issues.slice(0, MAX_ISSUES).map((i) => `  ${i.location ? `${i.location}: ` : ''}${formatPath(i.path)}: ${i.message}`);
    super('HARNESS_CONFIG', `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}, nothing imported\n${lines.join('\n')}`);
    this.issues = issues;
  }
}

export function formatPath(path: readonly PathSegment[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);

export function validateDirectory(input: unknown): Issue[] {
  const issues: Issue[] = [];
  const add = (path: PathSegment[], message: string): void => {
    if (issues.length < MAX_ISSUES) issues.push({ path, message });
  };
  if (!isObj(input)) return [{ path: [], message: 'expected an object {users, groups?, assignments?}' }];
  if (!Array.isArray(input.users)) add(['users'], 'required: an array of users');
  for (const key of Object.keys(input)) if (!['users', 'groups', 'assignments'].includes(key)) add([key], 'unknown top-level key (expected users, groups, assignments)');
  const users = Array.isArray(input.users) ? (input.users as unknown[]) : [];
  const groups = input.groups === undefined ? [] : Array.isArray(input.groups) ? (input.groups as unknown[]) : (add(['groups'], 'must be an array'), []);
  const userIds = new Map<string, number>();
  const groupIds = new Map<string, number>();
  const upns = new Map<string, number>();

  users.forEach((u, i) => {
    if (!isObj(u)) return add(['users', i], 'expected an object');
    if (typeof u.id !== 'string' || !u.id.trim()) add(['users', i, 'id'], 'required: a non-empty string');
    else if (userIds.has(u.id)) add(['users', i, 'id'], `duplicate id ${JSON.stringify(u.id)} (also users[${userIds.get(u.id)}])`);
    else userIds.set(u.id, i);
    if (typeof u.userPrincipalName !== 'string' || !u.userPrincipalName.trim()) add(['users', i, 'userPrincipalName'], 'required: a non-empty string');
    else {
      const key = u.userPrincipalName.toLowerCase();
      if (upns.has(key)) add(['users', i, 'userPrincipalName'], `duplicate userPrincipalName ${JSON.stringify(u.userPrincipalName)} (also users[${upns.get(key)}])`);
      else upns.set(key, i);
    }
    for (const [k, v] of Object.entries(u)) {
      if (k === 'id') continue;
      if ((USER_STRING_PROPS as readonly string[]).includes(k)) {
        if (v !== null && typeof v !== 'string') add(['users', i, k], `expected a string, got ${JSON.stringify(v)}`);
      } else if ((USER_BOOLEAN_PROPS as readonly string[]).includes(k)) {
        if (v !== null && typeof v !== 'boolean') add(['users', i, k], `expected true or false, got ${JSON.stringify(v)}`);
      } else if ((USER_LIST_PROPS as readonly string[]).includes(k)) {
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) add(['users', i, k], 'expected an array of strings');
      } else if (!isScalar(v) && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
        add(['users', i, k], 'extension attributes must be strings, numbers, booleans or arrays of strings');
      }
    }
    if (typeof u.deletedDateTime === 'string' && Number.isNaN(Date.parse(u.deletedDateTime))) add(['users', i, 'deletedDateTime'], `not an ISO 8601 date: ${JSON.stringify(u.deletedDateTime)}`);
  });
  groups.forEach((g, i) => {
    if (!isObj(g)) return add(['groups', i], 'expected an object');
    if (typeof g.id !== 'string' || !g.id.trim()) add(['groups', i, 'id'], 'required: a non-empty string');
    else if (groupIds.has(g.id) || userIds.has(g.id)) add(['groups', i, 'id'], `duplicate id ${JSON.stringify(g.id)}`);
    else groupIds.set(g.id, i);
    if (typeof g.displayName !== 'string' || !g.displayName.trim()) add(['groups', i, 'displayName'], 'required: a non-empty string (groups are matched by displayName)');
    for (const [k, v] of Object.entries(g)) {
      if ((GROUP_STRING_PROPS as readonly string[]).includes(k) && v !== null && typeof v !== 'string') add(['groups', i, k], `expected a string, got ${JSON.stringify(v)}`);
      if ((GROUP_BOOLEAN_PROPS as readonly string[]).includes(k) && v !== null && typeof v !== 'boolean') add(['groups', i, k], `expected true or false, got ${JSON.stringify(v)}`);
    }
    if (g.members !== undefined && (!Array.isArray(g.members) || g.members.some((m) => typeof m !== 'string'))) add(['groups', i, 'members'], 'expected an array of user ids');
  });
  // References resolve only once every id is known.
  users.forEach((u, i) => {
    if (isObj(u) && typeof u.manager === 'string' && !userIds.has(u.manager)) add(['users', i, 'manager'], `unknown user id ${JSON.stringify(u.manager)}`);
    if (isObj(u) && typeof u.manager === 'string' && u.manager === u.id) add(['users', i, 'manager'], 'a user cannot be their own manager');
  });
  groups.forEach((g, i) => {
    if (!isObj(g) || !Array.isArray(g.members)) return;
    g.members.forEach((m, j) => {
      if (typeof m === 'string' && !userIds.has(m) && !groupIds.has(m)) add(['groups', i, 'members', j], `unknown member id ${JSON.stringify(m)}`);
    });
  });
  if (input.assignments !== undefined) {
    if (!Array.isArray(input.assignments)) add(['assignments'], 'must be an array (omit it to put every user and group in scope)');
    else {
      const seen = new Set<string>();
      input.assignments.forEach((a, i) => {
        if (!isObj(a) || typeof a.principalId !== 'string') return add(['assignments', i, 'principalId'], 'required: a user or group id');
        const type = userIds.has(a.principalId) ? 'User' : groupIds.has(a.principalId) ? 'Group' : undefined;
        if (!type) add(['assignments', i, 'principalId'], `unknown user or group id ${JSON.stringify(a.principalId)}`);
        else if (a.principalType !== undefined && a.principalType !== type) add(['assignments', i, 'principalType'], `${JSON.stringify(a.principalId)} is a ${type}`);
        if (seen.has(a.principalId)) add(['assignments', i, 'principalId'], `duplicate assignment of ${JSON.stringify(a.principalId)}`);
        seen.add(a.principalId);
        if (a.appRole !== undefined && typeof a.appRole !== 'string') add(['assignments', i, 'appRole'], 'expected a string');
      });
    }
  }
  return issues;
}

/** Throws DirectoryImportError unless the input is a valid directory. */
export function assertDirectory(input: unknown, file: string, locate: (path: PathSegment[]) => string | undefined): asserts input is DirectoryInput {
  const issues = validateDirectory(input);
  if (issues.length === 0) return;
  for (const i of issues) {
    const at = locate(i.path);
    if (at) i.location = at;
  }
  throw new DirectoryImportError(file, issues);
}
