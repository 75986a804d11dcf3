/**
 * What an Okta Integration Network submission asks for (docs/okta.md §OIN submission; docs/okta-behaviour.md §1.2),
 * judged against an Okta run's requirement results: the spec test and the CRUD test (which Okta wants as links to
 * passing Runscope runs against a live org — this run predicts them offline), the manual test plan's items a tool
 * can prove, and the items only the vendor can provide (`manual`).
 */
import { checklistFrom, type ItemSpec } from './gallery-checklist.js';
import type { GalleryItem, RequirementResult } from './model.js';

const ITEMS: readonly ItemSpec[] = [
  { id: 'oin-spec-test', title: 'Okta SCIM 2.0 spec test (Runscope): every required step passes', need: 'required',
    requirements: ['OKTA-SPEC-LIST-USERS', 'OKTA-SPEC-GET-USER', 'OKTA-SPEC-FILTER-UNKNOWN', 'OKTA-SPEC-GET-UNKNOWN', 'OKTA-SPEC-FILTER-RANDOM',
      'OKTA-SPEC-CREATE', 'OKTA-SPEC-GET-CREATED', 'OKTA-SPEC-DUPLICATE', 'OKTA-SPEC-FILTER-UPPERCASE', 'OKTA-SPEC-AUTH', 'OKTA-SPEC-GET-FIXED-UNKNOWN'] },
  { id: 'oin-spec-groups', title: 'Spec test, optional step: the Groups endpoint lists at least one group', need: 'recommended',
    requirements: ['OKTA-SPEC-GROUPS'] },
  { id: 'oin-crud-test', title: 'Okta CRUD test (Runscope): create, read, update, deactivate, reactivate, unassign', need: 'required',
    requirements: ['OKTA-CRUD'] },
  { id: 'plan-test-credentials', title: 'Test plan: Test API Credentials succeeds', need: 'required', requirements: ['OKTA-TEST-CREDENTIALS'] },
  { id: 'plan-import', title: 'Test plan: import users (pages of 100)', need: 'required', requirements: ['OKTA-IMPORT-PAGING'] },
  { id: 'plan-create', title: 'Test plan: assign a user creates it (placeholder password accepted)', need: 'required',
    requirements: ['OKTA-USER-CREATE', 'OKTA-PASSWORD-IGNORED'] },
  { id: 'plan-update', title: 'Test plan: profile updates reach the app', need: 'required', requirements: ['OKTA-USER-UPDATE', 'OKTA-PUT-KEEPS-ATTRIBUTES'] },
  { id: 'plan-deactivate', title: 'Test plan: deactivate and reactivate a user', need: 'required',
    requirements: ['OKTA-USER-DEACTIVATE', 'OKTA-USER-REACTIVATE'] },
  { id: 'plan-groups', title: 'Test plan: push groups, rename them, push memberships', need: 'recommended',
    requirements: ['OKTA-GROUP-PUSH', 'OKTA-GROUP-RENAME', 'OKTA-GROUP-MEMBERS'] },
  { id: 'runscope-links', title: 'Links to passing Runscope spec and CRUD test runs', need: 'required',
    manual: 'Run Okta\'s Runscope tests against your endpoint and a live Okta org; this run predicts their outcome offline.' },
  { id: 'manual-test-plan', title: 'Signed-off manual test plan (okta-scim-test-plan-v2.xlsx)', need: 'required',
    manual: 'Certify in the OIN Wizard that the plan passed in a live org (SSO, push password, profile sourcing and the admin UI are not provable here).' },
  { id: 'test-instance', title: 'A test instance and SCIM credentials for Okta\'s reviewers', need: 'required',
    manual: 'Provide them in the OIN Wizard; its attribute mappings become the catalogue mappings.' },
  { id: 'customer-guide', title: 'Customer configuration guide', need: 'required', manual: 'Link it in the submission.' },
  { id: 'auth-mode', title: 'Authentication: header token, Bearer, or OAuth 2.0 authorization code (no client credentials)', need: 'required',
    manual: 'Choose it in the OIN Wizard; scim-conform authenticates with the token you give it.' },
];

export function oinChecklist(requirements: readonly RequirementResult[]): GalleryItem[] {
  return checklistFrom(ITEMS, requirements);
}
