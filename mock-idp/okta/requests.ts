/**
 * The one source of Okta's request shapes (docs/okta-behaviour.md §1.1, docs/okta.md): what Okta's provisioning
 * sends to an OIN integration (or, in `aiw` mode, to an app built with the App Integration Wizard). Every method
 * returns a ScimRequest with Okta's headers and a wire-like step name; bodies keep the keys in the order of Okta's
 * documented examples. The suites (`run --profile okta`) and the emulator's Okta cycles build on this API.
 */
import { randomInt } from 'node:crypto';
import type { ScimRequest } from '../../core/client/request.js';
import { HarnessError } from '../../core/errors.js';
import { writePath } from '../../core/filter/index.js';
import type { OktaAppMode, OktaUserUpdates } from '../../core/profile.js';
import { URN } from '../../core/urns.js';
import { filterLiteral } from '../request-builder.js';

/** The User-Agent of Okta's provisioning (oktadeveloper/okta-blog-archive#1956). */
export const OKTA_USER_AGENT = 'Okta SCIM Client 1.0.0';
/** Headers on every request Okta sends (lower-case: the SCIM client's own defaults are lower-case too). */
export const OKTA_HEADERS: Readonly<Record<string, string>> = { 'user-agent': OKTA_USER_AGENT, accept: 'application/scim+json' };
/** Okta gives up on a request after 60 s (Okta's SCIM FAQ); core holds it so the CLI's `run` need not load mock-idp. */
export { OKTA_TIMEOUT_MS } from '../../core/profile.js';
/** Okta's import page size and the count of its group probe. */
export const OKTA_PAGE_SIZE = 100;

/** What Okta knows of a user it assigns: its profile in Okta and its own id (`00u…`), sent as `externalId`. */
export interface OktaUserProfile {
  userName: string;
  givenName: string;
  familyName: string;
  /** The primary e-mail, sent as `emails[{primary:true, value, type:"work"}]`. */
  email: string;
  /** Default: "givenName familyName". */
  displayName?: string;
  /** Default: `en-US`, as in Okta's SCIM 2.0 example. */
  locale?: string;
  /** Okta's user id (`00u…`). */
  externalId: string;
  /** Default: a random placeholder — Okta sends one even when password sync is off. */
  password?: string;
}

/** A group member as Okta sends it in a membership PATCH. */
export interface OktaMember {
  value: string;
  display?: string;
}

export interface OktaRequestOptions {
  /** Profile updates by `put` (default; Okta's SCIM reference) or `patch` (the OIN Wizard's "Support PATCH for User"). */
  userUpdates?: OktaUserUpdates;
  /** `oin` (default) or `aiw`: App Integration Wizard apps PUT every user and group update, deactivation included. */
  mode?: OktaAppMode;
}

/** A resource as read from the endpoint (the GET before a PUT). */
export type ScimObject = Record<string, unknown>;

export interface OktaRequestBuilder {
  readonly mode: OktaAppMode;
  readonly userUpdates: OktaUserUpdates;
  /** "Test API Credentials", first request: `GET /Users?startIndex=1&count=2`. */
  testCredentialsUsers(): ScimRequest;
  /** "Test API Credentials", second request: `GET /Groups?startIndex=1&count=100`. */
  testCredentialsGroups(): ScimRequest;
  /** One import page: `GET /Users?startIndex=…&count=100`. */
  listUsers(startIndex?: number, count?: number): ScimRequest;
  listGroups(startIndex?: number, count?: number): ScimRequest;
  /** The lookup before an assignment: `GET /Users?filter=userName eq "…"&startIndex=1&count=100`. */
  findUser(userName: string, attribute?: string): ScimRequest;
  getUser(id: string): ScimRequest;
  getGroup(id: string): ScimRequest;
  createUser(user: OktaUserProfile): ScimRequest;
  /**
   * A profile update. `put` (and `aiw`): the object read by `getUser` plus the changes; `patch`: one path-less
   * replace holding the changes. `changes` maps attribute paths (`name.givenName`, extension URN paths) to values.
   */
  updateUser(id: string, fetched: ScimObject, changes: Readonly<Record<string, unknown>>): ScimRequest;
  /** Deactivate / reactivate: path-less `replace` of `{active}`; `aiw`: a PUT of `fetched` with `active` (required there). */
  setActive(id: string, active: boolean, fetched?: ScimObject): ScimRequest;
  /** Password sync: path-less `replace` of `{password}`; `aiw`: a PUT of `fetched` with `password`. */
  setPassword(id: string, password: string, fetched?: ScimObject): ScimRequest;
  /** `POST /Groups {schemas, displayName, members: []}`. */
  createGroup(displayName: string): ScimRequest;
  /** Path-less `replace` of `{id, displayName}`; `aiw`: a PUT of `fetched` with the new name (required there). */
  renameGroup(id: string, displayName: string, fetched?: ScimObject): ScimRequest;
  /** One PATCH: a `remove` with `members[value eq "…"]` per member leaving, then one `add` with `path: members`. */
  updateMembers(groupId: string, change: { add?: readonly OktaMember[]; remove?: readonly string[] }): ScimRequest;
  /** The other membership form Okta's reference shows: a `replace` of all `members`. */
  replaceMembers(groupId: string, members: readonly OktaMember[]): ScimRequest;
  /** `PUT /Groups/{id}` of a whole group (`aiw` membership and renames). */
  putGroup(id: string, group: ScimObject): ScimRequest;
  /** Only when the admin picks "Delete the group in the target app"; Okta never deletes users. */
  deleteGroup(id: string): ScimRequest;
}

const PASSWORD_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A placeholder like the one in Okta's create example (`1mz050nq`): 8 lower-case letters and digits. */
export function placeholderPassword(): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

function seg(id: string): string {
  return encodeURIComponent(id);
}

function patchBody(operations: unknown[]): ScimObject {
  return { schemas: [URN.PatchOp], Operations: operations };
}

/** Nested object of the changes (`name.givenName` → `{name:{givenName}}`), the value of a path-less replace. */
function nested(changes: Readonly<Record<string, unknown>>): ScimObject {
  const out: ScimObject = {};
  for (const [path, value] of Object.entries(changes)) writePath(out, path, value);
  return out;
}

/** The object read, with the changes written in (deep copy: the caller's object is not touched). */
function withChanges(fetched: ScimObject, changes: Readonly<Record<string, unknown>>): ScimObject {
  const out = structuredClone(fetched);
  for (const [path, value] of Object.entries(changes)) writePath(out, path, value);
  return out;
}

export function createOktaRequestBuilder(opts: OktaRequestOptions = {}): OktaRequestBuilder {
  const mode = opts.mode ?? 'oin';
  const userUpdates = opts.userUpdates ?? 'put';
  const headers = { ...OKTA_HEADERS };
  const get = (path: string, query: Array<[string, string]>, step: string): ScimRequest => ({
    method: 'GET', path, ...(query.length ? { query, queryStyle: 'okta' as const } : {}), headers, step,
  });
  const page = (path: string, startIndex: number, count: number): ScimRequest =>
    get(path, [['startIndex', String(startIndex)], ['count', String(count)]], `GET ${path}?startIndex=${startIndex}&count=${count}`);
  const patch = (path: string, ops: unknown[], step: string): ScimRequest => ({ method: 'PATCH', path, body: patchBody(ops), headers, step });
  const put = (path: string, body: ScimObject, step: string): ScimRequest => ({ method: 'PUT', path, body, headers, step });
  const needFetched = (what: string, fetched: ScimObject | undefined): ScimObject => {
    if (fetched) return fetched;
    throw new HarnessError('HARNESS_INTERNAL', `${what} in App Integration Wizard mode is a PUT of the object read first: pass the fetched resource`);
  };
  const putUser = (id: string, fetched: ScimObject, changes: Readonly<Record<string, unknown>>, what: string): ScimRequest =>
    // Okta's PUT carries the object it read with `groups: []` (its reference's example).
    put(`/Users/${seg(id)}`, { ...withChanges(fetched, changes), groups: [] }, `PUT /Users/{id} ${what}`);

  return {
    mode,
    userUpdates,
    testCredentialsUsers: () => page('/Users', 1, 2),
    testCredentialsGroups: () => page('/Groups', 1, OKTA_PAGE_SIZE),
    listUsers: (startIndex = 1, count = OKTA_PAGE_SIZE) => page('/Users', startIndex, count),
    listGroups: (startIndex = 1, count = OKTA_PAGE_SIZE) => page('/Groups', startIndex, count),
    findUser(userName, attribute = 'userName') {
      return get(
        '/Users',
        [['filter', `${attribute} eq ${filterLiteral(userName)}`], ['startIndex', '1'], ['count', String(OKTA_PAGE_SIZE)]],
        `GET /Users?filter=${attribute} eq "…"&startIndex=1&count=${OKTA_PAGE_SIZE}`,
      );
    },
    getUser: (id) => get(`/Users/${seg(id)}`, [], 'GET /Users/{id}'),
    getGroup: (id) => get(`/Groups/${seg(id)}`, [], 'GET /Groups/{id}'),
    createUser(user) {
      const body: ScimObject = {
        schemas: [URN.User],
        userName: user.userName,
        name: { givenName: user.givenName, familyName: user.familyName },
        emails: [{ primary: true, value: user.email, type: 'work' }],
        displayName: user.displayName ?? `${user.givenName} ${user.familyName}`,
        locale: user.locale ?? 'en-US',
        externalId: user.externalId,
        groups: [],
        password: user.password ?? placeholderPassword(),
        active: true,
      };
      return { method: 'POST', path: '/Users', body, headers, step: 'POST /Users' };
    },
    updateUser(id, fetched, changes) {
      const what = Object.keys(changes).join(', ');
      if (mode === 'aiw' || userUpdates === 'put') return putUser(id, fetched, changes, what);
      // No Okta source shows a profile PATCH body; path-less like Okta's other PATCHes (docs/okta.md).
      return patch(`/Users/${seg(id)}`, [{ op: 'replace', value: nested(changes) }], `PATCH /Users/{id} replace ${what}`);
    },
    setActive(id, active, fetched) {
      if (mode === 'aiw') return putUser(id, needFetched('Deactivation', fetched), { active }, `active=${active}`);
      return patch(`/Users/${seg(id)}`, [{ op: 'replace', value: { active } }], `PATCH /Users/{id} replace {active:${active}}`);
    },
    setPassword(id, password, fetched) {
      if (mode === 'aiw') return putUser(id, needFetched('A password change', fetched), { password }, 'password');
      return patch(`/Users/${seg(id)}`, [{ op: 'replace', value: { password } }], 'PATCH /Users/{id} replace {password}');
    },
    createGroup(displayName) {
      return { method: 'POST', path: '/Groups', body: { schemas: [URN.Group], displayName, members: [] }, headers, step: 'POST /Groups' };
    },
    renameGroup(id, displayName, fetched) {
      if (mode === 'aiw') return put(`/Groups/${seg(id)}`, { ...structuredClone(needFetched('A group rename', fetched)), displayName }, 'PUT /Groups/{id} displayName');
      return patch(`/Groups/${seg(id)}`, [{ op: 'replace', value: { id, displayName } }], 'PATCH /Groups/{id} replace {id, displayName}');
    },
    updateMembers(groupId, change) {
      const remove = change.remove ?? [];
      const add = change.add ?? [];
      const ops: unknown[] = remove.map((m) => ({ op: 'remove', path: `members[value eq ${filterLiteral(m)}]` }));
      if (add.length) ops.push({ op: 'add', path: 'members', value: add.map((m) => ({ value: m.value, ...(m.display !== undefined ? { display: m.display } : {}) })) });
      return patch(`/Groups/${seg(groupId)}`, ops, `PATCH /Groups/{id} remove members (${remove.length}), add members (${add.length})`);
    },
    replaceMembers(groupId, members) {
      const value = members.map((m) => ({ value: m.value, ...(m.display !== undefined ? { display: m.display } : {}) }));
      return patch(`/Groups/${seg(groupId)}`, [{ op: 'replace', path: 'members', value }], `PATCH /Groups/{id} replace members (${members.length})`);
    },
    putGroup: (id, group) => put(`/Groups/${seg(id)}`, structuredClone(group), 'PUT /Groups/{id}'),
    deleteGroup: (id) => ({ method: 'DELETE', path: `/Groups/${seg(id)}`, headers, step: 'DELETE /Groups/{id}' }),
  };
}
