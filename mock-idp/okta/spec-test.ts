/**
 * The requests of Okta's SCIM 2.0 spec test (the Runscope test an OIN submission links to; docs/okta-behaviour.md
 * §1.2, docs/okta.md): its headers, its queries (literal, unencoded filter as in the test's URLs) and its create
 * body, sent as `Content-Type: application/json`. Not Okta's provisioning (okta/requests.ts): the spec test is a
 * separate client with its own User-Agent.
 */
import type { ScimRequest } from '../../core/client/request.js';
import { URN } from '../../core/urns.js';
import { filterLiteral } from '../request-builder.js';

/** The User-Agent of the spec test's steps (not of Okta's provisioning). */
export const OKTA_SPEC_USER_AGENT = 'OKTA SCIM Integration';
/** The id step 11 asks for: a numeric id no endpoint is expected to hold. */
export const OKTA_SPEC_FIXED_UNKNOWN_ID = '00919288221112222';

const HEADERS: Readonly<Record<string, string>> = {
  'accept-charset': 'utf-8',
  'content-type': 'application/scim+json; charset=utf-8',
  accept: 'application/scim+json',
  'user-agent': OKTA_SPEC_USER_AGENT,
};

/** The realistic user of step 6 (and the duplicate of step 8). */
export interface OktaSpecUser {
  userName: string;
  givenName: string;
  familyName: string;
  email: string;
}

export interface OktaSpecTest {
  /** Step 1: `GET /Users?count=1&startIndex=1`. */
  listOneUser(): ScimRequest;
  /** Steps 2 and 7: `GET /Users/{id}`. */
  getUser(id: string): ScimRequest;
  /** Steps 3, 5 and 9: `GET /Users?filter=userName eq "…"`. */
  filterUserName(value: string, step: string): ScimRequest;
  /** Steps 6 and 8: `POST /Users` as `application/json`. */
  createUser(user: OktaSpecUser, step: string): ScimRequest;
  /** Step 10: the upper-cased filter with `Authorization: non-token`. */
  nonToken(value: string): ScimRequest;
  /** Optional step: `GET /Groups`. */
  listGroups(): ScimRequest;
}

export function oktaSpecTest(): OktaSpecTest {
  const get = (path: string, step: string, query?: Array<[string, string]>): ScimRequest => ({
    method: 'GET', path, headers: { ...HEADERS }, step, ...(query ? { query, queryStyle: 'okta' as const } : {}),
  });
  const filter = (value: string): Array<[string, string]> => [['filter', `userName eq ${filterLiteral(value)}`]];
  return {
    listOneUser: () => get('/Users', 'GET /Users?count=1&startIndex=1', [['count', '1'], ['startIndex', '1']]),
    getUser: (id) => get(`/Users/${encodeURIComponent(id)}`, 'GET /Users/{id}'),
    filterUserName: (value, step) => get('/Users', step, filter(value)),
    createUser(user, step) {
      return {
        method: 'POST', path: '/Users', step,
        // The spec test's create step sends these three headers only.
        headers: { 'content-type': 'application/json', accept: 'application/scim+json; charset=utf-8' },
        body: {
          schemas: [URN.User],
          userName: user.userName,
          name: { givenName: user.givenName, familyName: user.familyName },
          emails: [{ primary: true, value: user.email, type: 'work' }],
          displayName: `${user.givenName} ${user.familyName}`,
          active: true,
        },
      };
    },
    nonToken: (value) => ({ ...get('/Users', 'GET /Users?filter=userName eq "…" (Authorization: non-token)', filter(value)), auth: { authorization: 'non-token' } }),
    listGroups: () => get('/Groups', 'GET /Groups'),
  };
}
