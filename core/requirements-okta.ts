/**
 * The Okta profile's requirements (`run --profile okta`): what Okta's provisioning of an OIN integration needs of an
 * endpoint (docs/okta-behaviour.md §1.1, docs/okta.md). One per step of Okta's SCIM 2.0 spec test, the CRUD test's
 * net effect, and the pitfalls vendors hit with Okta. Kept apart from Entra's list (core/requirements.ts) so an
 * Entra run's verdict never waits for these and an Okta run's never for Entra's; every entry has `profile: 'okta'`
 * and area `okta` (the folder suites/okta/).
 */
import type { Requirement } from './requirements.js';

const DEV = 'https://developer.okta.com';
/** Okta's SCIM 2.0 reference: what Okta sends and expects (docs/okta-behaviour.md [O-REF2]). */
const SCIM20 = `${DEV}/docs/api/openapi/okta-scim/guides/scim-20/`;
/** Okta's SCIM FAQ (headers, timeout, PUT/PATCH, App Integration Wizard). */
const FAQ = `${DEV}/docs/concepts/scim/faqs/`;
/** The Runscope spec test the OIN submission links to. */
const SPEC = `${DEV}/standards/SCIM/SCIMFiles/Okta-SCIM-20-SPEC-Test.json`;
/** The Runscope CRUD test the OIN submission links to. */
const CRUD = `${DEV}/standards/SCIM/SCIMFiles/Okta-SCIM-CRUD-Test.json`;

type OktaRequirement = Omit<Requirement, 'area' | 'profile'>;

const spec: OktaRequirement[] = [
  {
    id: 'OKTA-SPEC-LIST-USERS', level: 'MUST',
    statement: 'The endpoint answers the spec test\'s GET /Users?count=1&startIndex=1 with 200 and a ListResponse whose itemsPerPage, startIndex and totalResults are numbers and whose first resource has id, name.givenName, name.familyName, userName, active and emails[0].value.',
    source: { rfc: 'RFC 7644 §3.4.2', doc: SPEC },
    hint: 'Return {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":N,"startIndex":1,"itemsPerPage":1,"Resources":[…]} with JSON numbers, and users carrying name, userName, active and emails.',
  },
  {
    id: 'OKTA-SPEC-GET-USER', level: 'MUST',
    statement: 'The endpoint answers the spec test\'s GET /Users/{id} of the user it listed with 200 and that user: the same id, name.givenName, name.familyName, userName, active and emails[0].value.',
    source: { rfc: 'RFC 7644 §3.4.1', doc: SPEC },
    hint: 'Serve GET /Users/{id} with the id exactly as listed and the same attributes the list returns.',
  },
  {
    id: 'OKTA-SPEC-FILTER-UNKNOWN', level: 'MUST',
    statement: 'The endpoint answers the spec test\'s userName eq filter for a user that does not exist with 200 and a ListResponse with totalResults 0.',
    source: { rfc: 'RFC 7644 §3.4.2', doc: SPEC },
    hint: 'A filter that matches nothing is 200 {"schemas":[…ListResponse],"totalResults":0,"Resources":[]}, never 404.',
  },
  {
    id: 'OKTA-SPEC-GET-UNKNOWN', level: 'MUST',
    statement: 'The endpoint answers the spec test\'s GET /Users/{id} of an id that does not exist with 404 and a SCIM Error body with a detail.',
    source: { rfc: 'RFC 7644 §3.12', doc: SPEC },
    hint: 'Answer an unknown id with 404 {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"…"}.',
  },
  {
    id: 'OKTA-SPEC-FILTER-RANDOM', level: 'MUST',
    statement: 'The endpoint answers the spec test\'s check that a random user does not exist (userName eq a random e-mail address) with 200 and totalResults 0.',
    source: { rfc: 'RFC 7644 §3.4.2', doc: SPEC },
    hint: 'Treat an e-mail address as a userName value like any other; a filter without a match is 200 with totalResults 0.',
  },
  {
    id: 'OKTA-SPEC-CREATE', level: 'MUST',
    statement: 'The endpoint answers the spec test\'s POST /Users of a realistic user (sent as Content-Type: application/json) with 201, an id, the core User schema, active true and the userName, givenName and familyName sent.',
    source: { rfc: 'RFC 7644 §3.3', doc: SPEC },
    hint: 'Accept application/json as well as application/scim+json on requests, and answer a create with 201 Created and the stored user.',
  },
  {
    id: 'OKTA-SPEC-GET-CREATED', level: 'MUST',
    statement: 'The endpoint answers the spec test\'s GET /Users/{id} of the user it just created with 200 and the userName, givenName and familyName sent.',
    source: { rfc: 'RFC 7644 §3.4.1', doc: SPEC },
    hint: 'Return the stored user by the id the create answered, with its name and userName.',
  },
  {
    id: 'OKTA-SPEC-DUPLICATE', level: 'MUST',
    statement: 'The endpoint answers the spec test\'s second POST /Users with the same values with 409.',
    source: { rfc: 'RFC 7644 §3.3', doc: SPEC },
    hint: 'Enforce userName uniqueness: answer a create whose userName is taken with 409 and scimType "uniqueness".',
  },
  {
    id: 'OKTA-SPEC-FILTER-UPPERCASE', level: 'MUST',
    statement: 'The endpoint answers the spec test\'s userName eq filter written in upper case with 200.',
    source: { rfc: 'RFC 7643 §4.1.1', doc: SPEC },
    hint: 'Do not validate or reject filter values by letter case; userName is not case-exact (RFC 7643), so the upper-case filter should also find the user.',
  },
  {
    id: 'OKTA-SPEC-AUTH', level: 'MUST',
    statement: 'The endpoint answers the spec test\'s request with "Authorization: non-token" with 401 and a SCIM Error body whose status is "401" and which has a detail.',
    source: { rfc: 'RFC 7644 §3.12', doc: SPEC },
    hint: 'Authenticate every SCIM route first; answer a missing or malformed credential with 401 {"schemas":[…Error],"status":"401","detail":"…"}.',
  },
  {
    id: 'OKTA-SPEC-GET-FIXED-UNKNOWN', level: 'MUST',
    statement: 'The endpoint answers the spec test\'s GET /Users/00919288221112222 with 404 and a SCIM Error body whose status is "404" and which has a detail.',
    source: { rfc: 'RFC 7644 §3.12', doc: SPEC },
    hint: 'An id in another format than yours is unknown, not a bad request: answer 404 with a SCIM Error, not 400 or 500.',
  },
  {
    id: 'OKTA-SPEC-GROUPS', level: 'MUST',
    statement: 'The endpoint answers the spec test\'s optional GET /Groups with 200 and a ListResponse holding at least one group.',
    source: { rfc: 'RFC 7644 §3.4.2', doc: SPEC },
        hint: 'Serve GET /Groups as a ListResponse of every group (the spec test fails when totalResults is below 1).',
  },
];

const crud: OktaRequirement[] = [
  {
    id: 'OKTA-CRUD', level: 'MUST',
    statement: 'The CRUD test\'s net effect holds: a user Okta creates is found by its userName, a changed givenName reads back by id, deactivation reads active false, reactivation active true, and unassignment active false again.',
    source: { doc: CRUD },
    hint: 'The check names the step that broke: make create, the userName filter, Okta\'s profile update (PUT, or PATCH with "Support PATCH for User") and its path-less active PATCH all take effect.',
  },
];

const provisioning: OktaRequirement[] = [
  {
    id: 'OKTA-TEST-CREDENTIALS', level: 'MUST',
    statement: 'The endpoint answers Okta\'s "Test API Credentials" (GET /Users?startIndex=1&count=2, then GET /Groups?startIndex=1&count=100) with 200 ListResponses whose totalResults is an integer, with at most count resources.',
    source: { doc: SCIM20 },
    hint: 'Serve unfiltered /Users and /Groups queries with startIndex and count; honour count, and write totalResults as a JSON integer.',
  },
  {
    id: 'OKTA-IMPORT-PAGING', level: 'MUST',
    statement: 'The endpoint pages Okta\'s import (GET /Users?startIndex=1&count=100, then +100 until totalResults) with integer paging fields, the startIndex asked for, the same order when asked twice, and every user exactly once.',
    source: { rfc: 'RFC 7644 §3.4.2.4', doc: SCIM20 },
    hint: 'Sort list queries by a stable key (creation time, then id), write totalResults, startIndex and itemsPerPage as JSON integers, and treat startIndex as 1-based.',
  },
  {
    id: 'OKTA-USER-CREATE', level: 'MUST',
    statement: 'The endpoint answers Okta\'s assignment (GET /Users?filter=userName eq "…"&startIndex=1&count=100, then POST /Users with Okta\'s body: locale, externalId, groups: [], a password, active true) with a 2xx holding the created user and its id.',
    source: { doc: SCIM20 },
    hint: 'Accept every attribute of Okta\'s create body (ignore groups: [] and the password you do not use) and answer with the stored user; an empty 201 is Okta\'s "Create new user returned empty user" error.',
  },
  {
    id: 'OKTA-PASSWORD-IGNORED', level: 'MUST',
    statement: 'The endpoint accepts the placeholder password Okta sends on every create (also when password sync is off) exactly as it accepts the same user without one, and never returns a password.',
    source: { rfc: 'RFC 7643 §4.1.1', doc: SCIM20 },
    hint: 'Do not apply a password policy to the password of a SCIM create when you do not store passwords: accept it and drop it; never return "password" (it is returned "never").',
  },
  {
    id: 'OKTA-USER-UPDATE', level: 'MUST',
    statement: 'The endpoint applies Okta\'s profile update: GET /Users/{id}, then PUT /Users/{id} of the object read with the change (or, with "Support PATCH for User", one path-less PATCH replace holding the change).',
    source: { rfc: 'RFC 7644 §3.5.1', doc: SCIM20 },
    hint: 'Implement PUT /Users/{id} as a replace of the user by the body (it is the object you returned, plus Okta\'s change) and answer 200 with the stored user.',
  },
  {
    id: 'OKTA-PUT-KEEPS-ATTRIBUTES', level: 'COND',
    statement: 'A PUT round trip (GET, then PUT of the object read with one change) keeps what it carries: enterprise-extension attributes and active stay as they were.',
    source: { rfc: 'RFC 7644 §3.5.1', doc: SCIM20 },
    condition: 'Okta sends PUT: --okta-user-updates put (the default) or --okta-aiw',
    hint: 'Read extension attributes from their schema URN key in a PUT body as on create, and keep active as sent; a PUT that drops active:true disables the user.',
  },
  {
    id: 'OKTA-USER-DEACTIVATE', level: 'MUST',
    statement: 'The endpoint applies Okta\'s deactivation, a PATCH without path {"op":"replace","value":{"active":false}} (an App Integration Wizard app: a PUT with active false), with 200 or 204; the user stays readable by id and userName with active false.',
    source: { rfc: 'RFC 7644 §3.5.2.3', doc: SCIM20 },
    hint: 'Accept replace operations without a path whose value is an object of attributes (RFC 7644 §3.5.2.3); Okta never deletes users, deactivation is how access ends.',
  },
  {
    id: 'OKTA-USER-REACTIVATE', level: 'MUST',
    statement: 'The endpoint applies Okta\'s reactivation (the same request with active true) to a deactivated user: it reads active true again.',
    source: { rfc: 'RFC 7644 §3.5.2.3', doc: SCIM20 },
    hint: 'Let active go back to true on an inactive user; keep deactivated users and their data.',
  },
  {
    id: 'OKTA-GROUP-PUSH', level: 'MUST',
    statement: 'The endpoint answers Okta\'s group push, POST /Groups {schemas, displayName, members: []}, with 201 and the group with its id.',
    source: { rfc: 'RFC 7644 §3.3', doc: SCIM20 },
        hint: 'Accept an empty members array on create.',
  },
  {
    id: 'OKTA-GROUP-RENAME', level: 'MUST',
    statement: 'The endpoint applies Okta\'s group rename, a PATCH without path {"op":"replace","value":{"id":…,"displayName":…}}, which Okta also sends with every membership update (an App Integration Wizard app: a PUT of the group with the new name).',
    source: { rfc: 'RFC 7644 §3.5.2.3', doc: SCIM20 },
        hint: 'Accept path-less replace on groups; ignore "id" in the value when it equals the group\'s id. A 400 here marks the push "Error" and stops Okta\'s membership pushes.',
  },
  {
    id: 'OKTA-GROUP-MEMBERS', level: 'MUST',
    statement: 'The endpoint applies Okta\'s membership PATCH, one request mixing remove with path members[value eq "…"] and add with path members (an App Integration Wizard app: a PUT of the group with its members), leaving exactly the members Okta means.',
    source: { rfc: 'RFC 7644 §3.5.2', doc: SCIM20 },
        hint: 'Apply the operations of a PATCH in order, with value-filtered remove paths (members[value eq "id"]) and add of a members list.',
  },
  {
    id: 'OKTA-FILTER-USERNAME-CASE', level: 'SHOULD',
    statement: 'The endpoint finds a user by userName eq with the value in another letter case (userName is not case-exact).',
    source: { rfc: 'RFC 7643 §4.1.1', doc: SPEC },
    hint: 'Compare userName case-insensitively in filters, as RFC 7643 defines it (caseExact false); Okta\'s spec test probes it and Okta then links the user instead of creating a duplicate.',
  },
  {
    id: 'OKTA-ERROR-JSON', level: 'SHOULD',
    statement: 'The endpoint answers the errors Okta runs into (a taken userName, an unknown id) with a JSON SCIM Error body, not plain text or HTML.',
    source: { rfc: 'RFC 7644 §3.12', doc: FAQ },
    hint: 'Serialise every error as {"schemas":[…Error],"status":"…","detail":"…"}; Okta shows a JSON parse error instead of your detail when the body is not JSON.',
  },
];

export const OKTA_REQUIREMENT_LIST: readonly Requirement[] = [...spec, ...crud, ...provisioning]
  .map((r) => ({ ...r, area: 'okta' as const, profile: 'okta' as const }));
