/**
 * The requirement catalogue: every ID of the public contract written once, with its level, area, source and fix
 * hint. Checks cite these IDs; reports look them up here; docs/requirements.md is generated from it
 * (`npm run generate:docs`), and tests/catalogue/public-ids.json holds the IDs already published.
 * Over 400 lines: it is data, six lines per requirement, and one list keeps every ID in one place.
 */

export type Level = 'MUST' | 'SHOULD' | 'COND';

/**
 * One vocabulary with the suites: an area is a folder of suites/ holding the checks of its requirements
 * (tests/architecture/areas.test.ts pins it), except `replay`, judged by `scim-conform replay`.
 */
export type Area =
  | 'discovery'
  | 'auth'
  | 'transport'
  | 'connection'
  | 'users'
  | 'filter'
  | 'patch'
  | 'deactivation'
  | 'groups'
  | 'pagination'
  | 'format'
  | 'errors'
  | 'rate'
  | 'lifecycle'
  | 'replay';

export interface Source {
  /** e.g. "RFC 7644 §3.4.2.2" */
  readonly rfc?: string;
  /** Microsoft Learn page (or other public document) that states the requirement. */
  readonly doc?: string;
}

export interface Requirement {
  readonly id: string;
  readonly level: Level;
  readonly area: Area;
  /** One sentence in our words: "The endpoint …". */
  readonly statement: string;
  readonly source: Source;
  /** What to change in the endpoint when the requirement fails. */
  readonly hint: string;
  /** For COND requirements: when they apply. */
  readonly condition?: string;
}

const MS = 'https://learn.microsoft.com/entra/identity/app-provisioning/';
const SCIM_DOC = `${MS}use-scim-to-provision-users-and-groups`;
const COMPAT_DOC = `${MS}application-provisioning-config-problem-scim-compatibility`;
const GALLERY_DOC = 'https://learn.microsoft.com/entra/identity/enterprise-apps/v2-howto-app-gallery-listing';
const VALIDATOR_DOC = `${MS}scim-validator-tutorial`;
const HOW_DOC = `${MS}how-provisioning-works`;
const RFC7643 = 'https://www.rfc-editor.org/rfc/rfc7643';
const RFC7644 = 'https://www.rfc-editor.org/rfc/rfc7644';

/** Links for "RFC 7643 §x" / "RFC 7644 §x" sources, so renderers can point at the right section. */
export function rfcLink(rfc: string): string | undefined {
  const m = /^RFC (7643|7644) §([\d.]+)/.exec(rfc);
  if (!m) return undefined;
  return `${m[1] === '7643' ? RFC7643 : RFC7644}#section-${m[2]}`;
}

const list: Requirement[] = [
  // Discovery, transport, auth
  {
    id: 'DISC-SCHEMAS', level: 'MUST', area: 'discovery',
    statement: 'The endpoint serves GET /Schemas as a ListResponse of schema definitions including User (and Group when groups are tested), with camelCase values and no nulls.',
    source: { rfc: 'RFC 7643 §7', doc: SCIM_DOC },
    hint: 'Serve /Schemas as {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":N,"Resources":[…]} with one resource per schema (id = the schema URN); omit absent values instead of sending null.',
  },
  {
    id: 'DISC-SPC', level: 'SHOULD', area: 'discovery',
    statement: 'The endpoint serves a valid /ServiceProviderConfig that declares patch and filter support and its authentication schemes.',
    source: { rfc: 'RFC 7643 §5', doc: SCIM_DOC },
    hint: 'Return the ServiceProviderConfig schema with patch.supported and filter.supported set to true, filter.maxResults, and at least one authenticationSchemes entry (type "oauthbearertoken").',
  },
  {
    id: 'DISC-RESOURCETYPES', level: 'SHOULD', area: 'discovery',
    statement: 'The endpoint serves /ResourceTypes naming User (and Group) with their endpoints, schemas and schema extensions.',
    source: { rfc: 'RFC 7643 §6' },
    hint: 'Return a ListResponse of ResourceType resources: {"id":"User","name":"User","endpoint":"/Users","schema":"urn:ietf:params:scim:schemas:core:2.0:User","schemaExtensions":[…]}.',
  },
  {
    id: 'AUTH-REJECT', level: 'MUST', area: 'auth',
    statement: 'The endpoint answers a request without a token, or with a wrong token, with 401 and never with 2xx.',
    source: { rfc: 'RFC 7644 §2', doc: SCIM_DOC },
    hint: 'Authenticate every SCIM route before any other processing; answer a missing or invalid bearer token with 401 and a WWW-Authenticate header.',
  },
  {
    id: 'AUTH-OAUTH-CC', level: 'COND', area: 'auth',
    statement: 'The token endpoint issues an access token by OAuth 2.0 client credentials with a lifetime between 60 and 360 minutes, and the SCIM endpoint accepts it.',
    source: { rfc: 'RFC 6749 §4.4', doc: GALLERY_DOC },
    condition: 'applies when --oauth-token-url, --client-id and --client-secret are given',
    hint: 'Implement POST {token-url} with grant_type=client_credentials returning {"access_token","token_type":"Bearer","expires_in":3600..21600}; accept that token as a bearer token on every SCIM route.',
  },
  {
    id: 'TLS-VERSION', level: 'COND', area: 'transport',
    statement: 'The endpoint negotiates TLS 1.2 or newer and refuses TLS 1.0 and 1.1.',
    source: { doc: SCIM_DOC },
    condition: 'applies when the target URL is https',
    hint: 'Set the minimum TLS version of your listener or load balancer to TLS 1.2 and enable the ECDHE-GCM cipher suites Microsoft lists.',
  },
  {
    id: 'HTTP-CONTENT-TYPE', level: 'MUST', area: 'format',
    statement: 'The endpoint answers success responses with Content-Type: application/scim+json.',
    source: { rfc: 'RFC 7644 §3.1', doc: SCIM_DOC },
    hint: 'Send "Content-Type: application/scim+json; charset=utf-8" on every response with a body; the Microsoft validator aborts on application/json.',
  },
  {
    id: 'ERROR-FORMAT', level: 'SHOULD', area: 'errors',
    statement: 'The endpoint answers errors with the SCIM Error schema, "status" as a string, and a useful "detail".',
    source: { rfc: 'RFC 7644 §3.12', doc: SCIM_DOC },
    hint: 'Answer every 4xx/5xx with {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"…"} and a scimType where RFC 7644 §3.12 defines one.',
  },
  {
    id: 'RATE-25RPS', level: 'MUST', area: 'rate',
    statement: 'The endpoint sustains 25 requests per second for 10 seconds of Entra\'s request mix without 5xx or 429.',
    source: { doc: GALLERY_DOC },
    hint: 'Raise per-tenant rate limits to at least 25 requests per second and make filter queries on userName/externalId/displayName indexed.',
  },
  {
    id: 'CONN-TEST', level: 'MUST', area: 'connection',
    statement: 'The endpoint answers Entra\'s Test Connection probe (a filter on the matching attribute with a random GUID, on Users and Groups) with 200 and an empty ListResponse.',
    source: { rfc: 'RFC 7644 §3.4.2', doc: SCIM_DOC },
    hint: 'A filter that matches nothing must return 200 {"totalResults":0,"Resources":[]}; never 404 or 400. Entra quarantines jobs whose probe returns 404.',
  },
  // Users
  {
    id: 'USER-CREATE', level: 'MUST', area: 'users',
    statement: 'The endpoint answers Entra\'s POST /Users with 201 and the created resource, including its id, schemas and the values sent.',
    source: { rfc: 'RFC 7644 §3.3', doc: SCIM_DOC },
    hint: 'Accept the body Entra sends (both schemas, meta.resourceType, roles: []) and answer 201 with the stored resource and a server-assigned id.',
  },
  {
    id: 'USER-CREATE-STRING-BOOLEANS', level: 'MUST', area: 'users',
    statement: 'The endpoint accepts "True", "true" and "False" for boolean attributes on create (active, primary) and stores them as booleans.',
    source: { rfc: 'RFC 7643 §2.3.2', doc: VALIDATOR_DOC },
    hint: 'Coerce the strings "true"/"false" (any case) to booleans for attributes typed boolean before validating; return JSON booleans.',
  },
  {
    id: 'USER-CREATE-DUPLICATE', level: 'MUST', area: 'users',
    statement: 'The endpoint answers a second POST with the same userName, also in another letter case, with 409.',
    source: { rfc: 'RFC 7644 §3.3', doc: SCIM_DOC },
    hint: 'Enforce case-insensitive uniqueness of userName and answer a conflict with 409 and scimType "uniqueness".',
  },
  {
    id: 'USER-VALUES-VERBATIM', level: 'MUST', area: 'users',
    statement: 'The endpoint returns values exactly as they were sent, without reformatting phones, emails or names.',
    source: { doc: SCIM_DOC },
    hint: 'Store and return strings verbatim; validate and reject invalid values instead of normalising them.',
  },
  {
    id: 'USER-GET', level: 'MUST', area: 'users',
    statement: 'The endpoint answers GET /Users/{id} with 200 and the resource.',
    source: { rfc: 'RFC 7644 §3.4.1', doc: SCIM_DOC },
    hint: 'Serve GET /Users/{id} for the id returned by POST.',
  },
  {
    id: 'USER-GET-UNKNOWN', level: 'MUST', area: 'users',
    statement: 'The endpoint answers GET of an unknown user id with 404.',
    source: { rfc: 'RFC 7644 §3.12', doc: SCIM_DOC },
    hint: 'Answer an unknown id with 404 and a SCIM Error body, not 200 with an empty body or 500.',
  },
  {
    id: 'USER-FILTER-USERNAME', level: 'MUST', area: 'filter',
    statement: 'The endpoint finds exactly the matching user with filter userName eq "…".',
    source: { rfc: 'RFC 7644 §3.4.2.2', doc: SCIM_DOC },
    hint: 'Support the eq operator on userName, URL-decoding the filter (spaces as + or %20, quotes as %22 or literal).',
  },
  {
    id: 'USER-FILTER-USERNAME-CASE', level: 'MUST', area: 'filter',
    statement: 'The endpoint matches userName eq case-insensitively.',
    source: { rfc: 'RFC 7643 §4.1.1', doc: VALIDATOR_DOC },
    hint: 'userName has caseExact=false: compare it case-insensitively (e.g. a COLLATE NOCASE index).',
  },
  {
    id: 'USER-FILTER-EXTERNALID', level: 'MUST', area: 'filter',
    statement: 'The endpoint finds a user with filter externalId eq "…".',
    source: { rfc: 'RFC 7644 §3.4.2.2', doc: SCIM_DOC },
    hint: 'Support the eq operator on externalId; Entra matches on it when it is a matching attribute.',
  },
  {
    id: 'USER-FILTER-EMAIL', level: 'SHOULD', area: 'filter',
    statement: 'The endpoint finds a user with filter emails[type eq "work"].value eq "…".',
    source: { rfc: 'RFC 7644 §3.4.2.2', doc: SCIM_DOC },
    hint: 'Support value-path filters on emails; needed when mail is a matching attribute.',
  },
  {
    id: 'FILTER-NO-MATCH', level: 'MUST', area: 'filter',
    statement: 'The endpoint answers a filter with no match with 200 and totalResults 0, never 404 or 400, on Users and Groups.',
    source: { rfc: 'RFC 7644 §3.4.2', doc: GALLERY_DOC },
    hint: 'Return {"totalResults":0,"Resources":[]} with 200 for an empty result.',
  },
  {
    id: 'FILTER-AND', level: 'SHOULD', area: 'filter',
    statement: 'The endpoint supports and between two eq clauses.',
    source: { rfc: 'RFC 7644 §3.4.2.2', doc: SCIM_DOC },
    hint: 'Implement the logical and operator of the filter grammar; Entra uses it for reference checks.',
  },
  {
    id: 'FILTER-INVALID', level: 'SHOULD', area: 'errors',
    statement: 'The endpoint answers a malformed filter with 400 and scimType invalidFilter.',
    source: { rfc: 'RFC 7644 §3.12' },
    hint: 'Parse filters with a real grammar and answer syntax errors with 400 {"scimType":"invalidFilter"}.',
  },
  {
    id: 'USER-PATCH-REPLACE', level: 'MUST', area: 'patch',
    statement: 'The endpoint applies Replace on single-valued attributes by path (userName, displayName, name.givenName, title, …).',
    source: { rfc: 'RFC 7644 §3.5.2.3', doc: SCIM_DOC },
    hint: 'Implement PATCH replace for simple and sub-attribute paths.',
  },
  {
    id: 'USER-PATCH-MULTIVALUED', level: 'MUST', area: 'patch',
    statement: 'The endpoint applies value-filter paths such as emails[type eq "work"].value and addresses[type eq "work"].postalCode.',
    source: { rfc: 'RFC 7644 §3.5.2', doc: COMPAT_DOC },
    hint: 'Resolve valuePath filters in PATCH paths; on replace with no matching element, add one with the filter\'s type.',
  },
  {
    id: 'USER-PATCH-ADD', level: 'MUST', area: 'patch',
    statement: 'The endpoint applies Add on attributes the user lacks, single- and multi-valued.',
    source: { rfc: 'RFC 7644 §3.5.2.1', doc: COMPAT_DOC },
    hint: 'Treat add on a single-valued attribute as set; add on a multi-valued attribute appends.',
  },
  {
    id: 'USER-PATCH-NO-PATH', level: 'MUST', area: 'patch',
    statement: 'The endpoint applies a path-less replace whose value object holds attributes, including dotted keys such as "name.givenName" and extension URN keys.',
    source: { rfc: 'RFC 7644 §3.5.2.3', doc: COMPAT_DOC },
    hint: 'In a path-less add/replace, interpret each key of the value object as an attribute path ("name.givenName", "urn:…:User:employeeNumber"), not as a literal attribute name.',
  },
  {
    id: 'USER-PATCH-REMOVE', level: 'SHOULD', area: 'patch',
    statement: 'The endpoint applies Remove of an optional attribute.',
    source: { rfc: 'RFC 7644 §3.5.2.2' },
    hint: 'Implement PATCH remove by path; afterwards the attribute is absent from GET.',
  },
  {
    id: 'USER-PATCH-ORDER', level: 'SHOULD', area: 'patch',
    statement: 'The endpoint applies several operations on one attribute in the order given.',
    source: { rfc: 'RFC 7644 §3.5.2' },
    hint: 'Apply Operations sequentially on one working copy and commit once; the last operation wins.',
  },
  {
    id: 'PATCH-OP-CASE', level: 'MUST', area: 'patch',
    statement: 'The endpoint accepts Add, Replace and Remove in any letter case.',
    source: { rfc: 'RFC 7644 §3.5.2', doc: SCIM_DOC },
    hint: 'Lower-case the op before dispatching; Entra sends "Replace" by default and "replace" with aadOptscim062020.',
  },
  {
    id: 'PATCH-STRING-BOOLEANS', level: 'MUST', area: 'patch',
    statement: 'The endpoint accepts "True" and "False" as values of boolean attributes in PATCH and stores booleans.',
    source: { doc: COMPAT_DOC },
    hint: 'Coerce "True"/"False" (any case) to booleans for boolean attributes (active, primary) in PATCH values.',
  },
  {
    id: 'USER-PATCH-ENTERPRISE', level: 'MUST', area: 'patch',
    statement: 'The endpoint applies enterprise-extension attributes by URN path (department, employeeNumber, costCenter, …).',
    source: { rfc: 'RFC 7644 §3.10', doc: COMPAT_DOC },
    hint: 'Resolve paths like urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department into the extension object.',
  },
  {
    id: 'USER-MANAGER', level: 'COND', area: 'patch',
    statement: 'The endpoint sets, replaces and removes the manager, given as a bare id, {value} or [{value}].',
    source: { rfc: 'RFC 7643 §4.3', doc: SCIM_DOC },
    condition: 'applies when --manager is given (the manager attribute is mapped)',
    hint: 'Accept manager as "id", {"value":"id"} or [{"value":"id"}] at the enterprise URN path and store {"value":"id"}; remove (or replace with an empty value) clears it.',
  },
  {
    id: 'USER-ROLES', level: 'COND', area: 'users',
    statement: 'The endpoint accepts Entra\'s app roles on create (`roles` with primary, type and value) and returns them as sent.',
    source: { rfc: 'RFC 7643 §4.1.2', doc: `${MS}customize-application-attributes` },
    condition: 'applies when --roles is given (app roles are mapped) and the endpoint declares roles',
    hint: 'Declare the multi-valued roles attribute (value, display, type, primary) in /Schemas, store the roles Entra sends on POST and return them with primary as a boolean.',
  },
  {
    id: 'USER-DEACTIVATE', level: 'MUST', area: 'deactivation',
    statement: 'The endpoint, on active false, keeps the user retrievable by GET and by filter, showing active: false.',
    source: { doc: SCIM_DOC },
    hint: 'Soft delete means active=false: keep the user readable and return "active": false; do not delete or hide it.',
  },
  {
    id: 'USER-REACTIVATE', level: 'MUST', area: 'deactivation',
    statement: 'The endpoint, on active true, restores the user.',
    source: { doc: SCIM_DOC },
    hint: 'A PATCH of active to true (or "True") makes the user active again.',
  },
  {
    id: 'USER-DELETE', level: 'MUST', area: 'users',
    statement: 'The endpoint answers DELETE with 204, after which GET gives 404 and filters find nothing.',
    source: { rfc: 'RFC 7644 §3.6', doc: SCIM_DOC },
    hint: 'Delete the resource (or make it permanently invisible) and answer 204 No Content.',
  },
  {
    id: 'USER-DELETE-UNKNOWN', level: 'SHOULD', area: 'users',
    statement: 'The endpoint answers DELETE of an unknown or already deleted id with 404.',
    source: { rfc: 'RFC 7644 §3.6', doc: VALIDATOR_DOC },
    hint: 'Answer DELETE of an id that does not exist with 404, not 204 or 500.',
  },
  {
    id: 'NULL-UPDATE', level: 'SHOULD', area: 'patch',
    statement: 'The endpoint accepts a PATCH that sets optional attributes to empty strings, and clears them.',
    source: { rfc: 'RFC 7644 §3.5.2.3', doc: GALLERY_DOC },
    hint: 'Treat replace with "" (or null) on an optional attribute as removal; answer 200 or 204.',
  },
  // Groups
  {
    id: 'GROUP-CREATE', level: 'MUST', area: 'groups',
    statement: 'The endpoint answers Entra\'s POST /Groups (no members, Entra\'s extra schema URI) with 201 and the group.',
    source: { rfc: 'RFC 7644 §3.3', doc: SCIM_DOC },
    hint: 'Accept unknown schema URIs in "schemas" (http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group) and answer 201 with the group.',
  },
  {
    id: 'GROUP-CREATE-DUPLICATE', level: 'MUST', area: 'groups',
    statement: 'The endpoint answers a POST /Groups with a displayName already in use with 409.',
    source: { doc: SCIM_DOC },
    hint: 'Enforce case-insensitive uniqueness of group displayName; answer 409 with scimType "uniqueness".',
  },
  {
    id: 'GROUP-GET', level: 'MUST', area: 'groups',
    statement: 'The endpoint answers GET /Groups/{id} with 200 and the group.',
    source: { rfc: 'RFC 7644 §3.4.1', doc: SCIM_DOC },
    hint: 'Serve GET /Groups/{id} for the id returned by POST.',
  },
  {
    id: 'GROUP-EXCLUDE-MEMBERS', level: 'MUST', area: 'groups',
    statement: 'The endpoint honours excludedAttributes=members on get-by-id and on filter queries.',
    source: { rfc: 'RFC 7644 §3.4.2.5', doc: SCIM_DOC },
    hint: 'Drop the members attribute from group representations when excludedAttributes contains members.',
  },
  {
    id: 'GROUP-FILTER-DISPLAYNAME', level: 'MUST', area: 'groups',
    statement: 'The endpoint finds a group with displayName eq, case-insensitively.',
    source: { rfc: 'RFC 7644 §3.4.2.2', doc: VALIDATOR_DOC },
    hint: 'Support eq on Group displayName, compared case-insensitively.',
  },
  {
    id: 'GROUP-PATCH-REPLACE', level: 'MUST', area: 'groups',
    statement: 'The endpoint applies replace of displayName and externalId, with and without path.',
    source: { rfc: 'RFC 7644 §3.5.2.3', doc: SCIM_DOC },
    hint: 'Implement PATCH replace on Group attributes both as {"path":"displayName","value":…} and as a path-less value object.',
  },
  {
    id: 'GROUP-MEMBER-ADD', level: 'MUST', area: 'groups',
    statement: 'The endpoint adds one member, and several in one PATCH (add, and the validator\'s replace on members).',
    source: { rfc: 'RFC 7644 §3.5.2.1', doc: GALLERY_DOC },
    hint: 'Accept an array of {"value":id} (with "$ref": null) in add; replace on members sets the member list.',
  },
  {
    id: 'GROUP-MEMBER-REMOVE', level: 'MUST', area: 'groups',
    statement: 'The endpoint removes exactly the named member in both shapes: {"op":"Remove","path":"members","value":[{"value":id}]} and members[value eq "id"].',
    source: { rfc: 'RFC 7644 §3.5.2.2', doc: COMPAT_DOC },
    hint: 'When remove on "members" carries a value list, remove only those members (Entra\'s default dialect); never clear the whole group.',
  },
  {
    id: 'GROUP-MEMBER-QUERY', level: 'SHOULD', area: 'groups',
    statement: 'The endpoint answers members.value eq and id eq X and members.value eq Y filters.',
    source: { rfc: 'RFC 7644 §3.4.2.2', doc: SCIM_DOC },
    hint: 'Support filtering groups on members.value, combined with id by and.',
  },
  {
    id: 'GROUP-DELETE', level: 'MUST', area: 'groups',
    statement: 'The endpoint answers DELETE /Groups/{id} with 204, after which GET gives 404.',
    source: { rfc: 'RFC 7644 §3.6', doc: SCIM_DOC },
    hint: 'Delete the group and answer 204 No Content.',
  },
  {
    id: 'GROUP-DELETE-UNKNOWN', level: 'SHOULD', area: 'groups',
    statement: 'The endpoint answers DELETE of an unknown or already deleted group id with 404.',
    source: { rfc: 'RFC 7644 §3.6', doc: VALIDATOR_DOC },
    hint: 'Answer DELETE of a group id that does not exist with 404, not 204 or 500.',
  },
  // Lists and resource format
  {
    id: 'LIST-RESPONSE', level: 'MUST', area: 'format',
    statement: 'The endpoint answers queries with a ListResponse: schemas, totalResults, Resources when non-empty, startIndex, and itemsPerPage equal to the resources returned.',
    source: { rfc: 'RFC 7644 §3.4.2', doc: SCIM_DOC },
    hint: 'Wrap query results as {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults","startIndex","itemsPerPage","Resources"}.',
  },
  {
    id: 'LIST-PAGINATION', level: 'MUST', area: 'pagination',
    statement: 'The endpoint pages /Users with 1-based startIndex and count so that the pages hold every user exactly once and totalResults is the total.',
    source: { rfc: 'RFC 7644 §3.4.2.4', doc: GALLERY_DOC },
    hint: 'Implement startIndex (1-based) and count with a stable sort order; echo startIndex in the response.',
  },
  {
    id: 'LIST-GROUP-PAGINATION', level: 'SHOULD', area: 'pagination',
    statement: 'The endpoint pages /Groups with 1-based startIndex and count so that every group appears exactly once.',
    source: { rfc: 'RFC 7644 §3.4.2.4', doc: GALLERY_DOC },
    hint: 'Implement startIndex and count on /Groups with a stable sort order.',
  },
  {
    id: 'RESOURCE-ID', level: 'MUST', area: 'format',
    statement: 'The endpoint gives every returned resource an id.',
    source: { rfc: 'RFC 7643 §3.1', doc: SCIM_DOC },
    hint: 'Include the server-assigned "id" in every resource representation.',
  },
  {
    id: 'RESOURCE-SCHEMA', level: 'MUST', area: 'format',
    statement: 'The endpoint returns resources that validate against RFC 7643 (schemas present, booleans are booleans, multi-valued attributes are arrays).',
    source: { rfc: 'RFC 7643 §2', doc: SCIM_DOC },
    hint: 'Return the "schemas" array and attribute values of their declared JSON types.',
  },
  {
    id: 'RESOURCE-META', level: 'SHOULD', area: 'format',
    statement: 'The endpoint fills meta.resourceType, created, lastModified and location.',
    source: { rfc: 'RFC 7643 §3.1' },
    hint: 'Maintain meta for every resource: resourceType, created and lastModified as xsd:dateTime, location as the resource URL.',
  },
  {
    id: 'LOCATION-HEADER', level: 'SHOULD', area: 'format',
    statement: 'The endpoint sends a Location header with 201 Created.',
    source: { rfc: 'RFC 7644 §3.3' },
    hint: 'Set Location to the new resource\'s URL (the same as meta.location).',
  },
  // Provisioning lifecycle
  {
    id: 'CYCLE-INITIAL', level: 'MUST', area: 'lifecycle',
    statement: 'After an initial cycle the target holds exactly the assigned users, groups and memberships.',
    source: { doc: HOW_DOC },
    hint: 'Make every request of the initial cycle succeed: match by filter, create, then add memberships by PATCH.',
  },
  {
    id: 'CYCLE-INCREMENTAL', level: 'MUST', area: 'lifecycle',
    statement: 'Changes in the directory reach the target in the next incremental cycle.',
    source: { doc: HOW_DOC },
    hint: 'Apply Entra\'s PATCH updates (both dialects) so that changed attributes are stored.',
  },
  {
    id: 'CYCLE-DEPROVISION', level: 'MUST', area: 'lifecycle',
    statement: 'Unassigning or disabling a user sets active false; a hard delete deletes the user.',
    source: { doc: HOW_DOC },
    hint: 'Honour PATCH active=false (soft delete) and DELETE (hard delete).',
  },
  {
    id: 'CYCLE-RESTORE', level: 'MUST', area: 'lifecycle',
    statement: 'Reassigning a deprovisioned user restores it, with no duplicate.',
    source: { doc: HOW_DOC },
    hint: 'Keep soft-deleted users findable by the matching attribute so Entra re-links them and sends active=true.',
  },
  {
    id: 'CYCLE-MATCH-EXISTING', level: 'MUST', area: 'lifecycle',
    statement: 'Users already present in the target are matched by the matching attribute, not duplicated.',
    source: { doc: HOW_DOC },
    hint: 'Answer the matching filter (userName eq …) with the existing user so Entra links it instead of creating a duplicate.',
  },
  {
    id: 'CYCLE-ON-DEMAND', level: 'SHOULD', area: 'lifecycle',
    statement: 'Provision-on-demand of one user works end to end.',
    source: { doc: `${MS}provision-on-demand` },
    hint: 'Make the test-connection probe, the match query and the create/update of a single user succeed.',
  },
];

export const REQUIREMENTS: readonly Requirement[] = Object.freeze(list);

/**
 * What `scim-conform replay` judges: a new build against recorded traffic, not against Entra. A catalogue of its
 * own, so a run's verdict never waits for these and a replay's never for Entra's. REPLAY-RETRY is passed in only
 * when faults are injected.
 */
export const REPLAY_REQUIREMENTS: readonly Requirement[] = Object.freeze<Requirement[]>([
  {
    id: 'REPLAY-STATUS', level: 'MUST', area: 'replay',
    statement: 'Every recorded request gets an answer of the status class it got when recorded (2xx, 4xx …), and a recorded SCIM error comes back with the same scimType.',
    source: { rfc: 'RFC 7644 §3.12' },
    hint: 'The check names the exchange and both answers: make the new build accept (or refuse) that request as the recorded one did; the recorded request is in the evidence.',
  },
  {
    id: 'REPLAY-BODY', level: 'SHOULD', area: 'replay',
    statement: 'Every recorded answer comes back with the same status code, media type and Location, and a body of the same structure and values — ids, meta timestamps, version and hosts aside.',
    source: { rfc: 'RFC 7644 §3' },
    hint: 'Each difference is listed with its attribute path, the recorded value and the new one; return what the recorded build returned, or accept the change knowingly (it is a warning).',
  },
  {
    id: 'REPLAY-STATE', level: 'MUST', area: 'replay',
    statement: 'After the replay, every resource it created reads back as the recording implies: the attributes and memberships the recorded answers showed, or gone when the recording deleted it.',
    source: { rfc: 'RFC 7644 §3.4.1' },
    hint: 'A write was answered but not kept as recorded (a PATCH operation ignored, a member not added or not removed, a delete that did not delete): the difference names the attribute.',
  },
  {
    id: 'REPLAY-RETRY', level: 'COND', area: 'replay',
    statement: 'A request whose answer was lost (an injected 500 or time-out) or refused with 429 succeeds when the IdP sends it again, without a duplicate and with the recorded result.',
    source: { doc: `${MS}how-provisioning-works` },
    condition: 'applies when --fault injects faults',
    hint: 'Make writes safe to repeat: a repeated create answers 409 uniqueness (the IdP then finds the resource by filter), a repeated PATCH or DELETE leaves the same state (DELETE of a deleted resource answers 404).',
  },
]);

const byId = new Map([...list, ...REPLAY_REQUIREMENTS].map((r) => [r.id, r]));

export function findRequirement(id: string): Requirement | undefined {
  return byId.get(id);
}

/** The requirement, or a thrown Error naming the unknown ID (callers wrap it in a HarnessError). */
export function requirement(id: string): Requirement {
  const r = byId.get(id);
  if (!r) throw new Error(`unknown requirement ID "${id}"`);
  return r;
}

/** Glob over IDs: `USER-*`, `*-DUPLICATE`, exact IDs. Case-insensitive. */
export function matchesIdGlob(id: string, glob: string): boolean {
  const re = new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(id);
}

/** MUST always counts; COND counts when it applies (a COND check that does not apply reports n/a). */
export function isBlocking(level: Level): boolean {
  return level === 'MUST' || level === 'COND';
}
