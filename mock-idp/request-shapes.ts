/**
 * The mock IdP's second front door: Entra's and Okta's request shapes alone (the request builder in both PATCH
 * dialects, SCIM path helpers, Okta's requests and its spec test), without the job API, SQLite or faker. The suites
 * import these when Playwright loads every spec file to list the checks (in its runner and in every worker); the
 * emulator behind index.ts is ~60 modules more, loaded only by the checks that run it. index.ts exports all of this.
 */

// Entra's request shapes
export { createRequestBuilder, filterLiteral, MANAGER_PATH, type AttributeChange, type ChangeKind, type EntraRequestBuilder, type ManagerStyle } from './request-builder.js';
export { buildResource, type MappedValues } from './scim-paths.js';

// Okta's request shapes (okta/README.md)
export {
  createOktaRequestBuilder, placeholderPassword, OKTA_HEADERS, OKTA_PAGE_SIZE, OKTA_TIMEOUT_MS, OKTA_USER_AGENT,
  type OktaMember, type OktaRequestBuilder, type OktaRequestOptions, type OktaUserProfile, type ScimObject,
} from './okta/requests.js';
// Okta's SCIM 2.0 spec test (the Runscope test of an OIN submission)
export { oktaSpecTest, OKTA_SPEC_FIXED_UNKNOWN_ID, OKTA_SPEC_USER_AGENT, type OktaSpecTest, type OktaSpecUser } from './okta/spec-test.js';
