/** The registry of defects: `serve --defect NAME` and `--list-defects` read it; the self-test matrix walks it. */
import { HarnessError } from '../../core/errors.js';
import { deleteIsSoft } from './delete-is-soft.js';
import { deleteUnknown204 } from './delete-unknown-204.js';
import { dottedKeysLiteral } from './dotted-keys-literal.js';
import { duplicateOnMatch } from './duplicate-on-match.js';
import { emptyFilter404 } from './empty-filter-404.js';
import { emptyStringRejected } from './empty-string-rejected.js';
import { enterpriseUrnPathIgnored } from './enterprise-urn-path-ignored.js';
import { errorBodyPlainText } from './error-body-plain-text.js';
import { errorWithoutDetail } from './error-without-detail.js';
import { filterAndUnsupported } from './filter-and-unsupported.js';
import { filterEmailUnsupported } from './filter-email-unsupported.js';
import { filterExternalIdUnsupported } from './filter-externalid-unsupported.js';
import { filterIgnoresSoftDeleted } from './filter-ignores-soft-deleted.js';
import { filterValueUppercaseRejected } from './filter-value-uppercase-rejected.js';
import { groupDeleteNoop } from './group-delete-noop.js';
import { groupDeleteUnknown204 } from './group-delete-unknown-204.js';
import { groupDisplayNameCaseSensitive } from './group-displayname-case-sensitive.js';
import { groupDisplayNameNotUnique } from './group-displayname-not-unique.js';
import { groupEmptyMembersRejected } from './group-empty-members-rejected.js';
import { groupGetIdMismatch } from './group-get-id-mismatch.js';
import { groupPaginationIgnoresStartIndex } from './group-pagination-ignores-start-index.js';
import { groupPatchNoPathIgnored } from './group-patch-no-path-ignored.js';
import { groupPostReturns200 } from './group-post-returns-200.js';
import { groupsListNeedsFilter } from './groups-list-needs-filter.js';
import { invalidFilterIgnored } from './invalid-filter-ignored.js';
import { itemsPerPageWrong } from './items-per-page-wrong.js';
import { jsonContentType } from './json-content-type.js';
import { managerBareStringRejected } from './manager-bare-string-rejected.js';
import { memberAddOnlyFirst } from './member-add-only-first.js';
import { memberBatchLimit } from './member-batch-limit.js';
import { memberFilterRemoveIgnored } from './member-filter-remove-ignored.js';
import { membersAlwaysReturned } from './members-always-returned.js';
import { membersFilterUnsupported } from './members-filter-unsupported.js';
import { membersReplaceIgnored } from './members-replace-ignored.js';
import { nameDroppedOnGet } from './name-dropped-on-get.js';
import { noAuth } from './no-auth.js';
import { noIdInProjection } from './no-id-in-projection.js';
import { noLocationHeader } from './no-location-header.js';
import { noMeta } from './no-meta.js';
import { oauthShortTokens } from './oauth-short-tokens.js';
import { oauthWrongSecretAccepted } from './oauth-wrong-secret-accepted.js';
import { opCaseSensitive } from './op-case-sensitive.js';
import { paginationZeroBased } from './pagination-zero-based.js';
import { pagingFieldsAsStrings } from './paging-fields-as-strings.js';
import { patchAddIgnoredWhenAbsent } from './patch-add-ignored-when-absent.js';
import { patchFilteredPathIgnored } from './patch-filtered-path-ignored.js';
import { patchIgnoredInDefaultDialect } from './patch-ignored-in-default-dialect.js';
import { patchNoPathOnlyActive } from './patch-no-path-only-active.js';
import { patchRemoveIgnored } from './patch-remove-ignored.js';
import { patchRemovesAppliedLast } from './patch-removes-applied-last.js';
import { patchSubattributeReplaceIgnored } from './patch-subattribute-replace-ignored.js';
import { placeholderPasswordRejected } from './placeholder-password-rejected.js';
import { postReturns200 } from './post-returns-200.js';
import { primaryAsString } from './primary-as-string.js';
import { putDropsExtension } from './put-drops-extension.js';
import { putDropsName } from './put-drops-name.js';
import { putSetsActive } from './put-sets-active.js';
import { rateLimit429 } from './rate-limit-429.js';
import { reactivateIgnored } from './reactivate-ignored.js';
import { reformatPhone } from './reformat-phone.js';
import { removeMembersClearsAll } from './remove-members-clears-all.js';
import { resourceTypesNoSchemas } from './resource-types-no-schemas.js';
import { rolesDroppedOnCreate } from './roles-dropped-on-create.js';
import { schemasBareArray } from './schemas-bare-array.js';
import { softDeleteHidesUser } from './soft-delete-hides-user.js';
import { spcIncomplete } from './spc-incomplete.js';
import { statusAsNumber } from './status-as-number.js';
import { stringBooleansRejectedInPatch } from './string-booleans-rejected-in-patch.js';
import { stringBooleansRejectedOnCreate } from './string-booleans-rejected-on-create.js';
import { stringFalseIsTruthy } from './string-false-is-truthy.js';
import { tlsLegacyVersions } from './tls-legacy-versions.js';
import { unknownUser200 } from './unknown-user-200.js';
import { userGetIdMismatch } from './user-get-id-mismatch.js';
import { userPatchNoPathRejected } from './user-patch-no-path-rejected.js';
import { usernameCaseSensitive } from './username-case-sensitive.js';
import { usernameEqAsContains } from './username-eq-as-contains.js';
import { usernameNotUnique } from './username-not-unique.js';
import { usernameUniqueCaseSensitive } from './username-unique-case-sensitive.js';
import type { Defect } from './types.js';

export type { Defect, DefectHooks } from './types.js';

export const DEFECTS: readonly Defect[] = [
  deleteIsSoft,
  deleteUnknown204,
  dottedKeysLiteral,
  duplicateOnMatch,
  emptyFilter404,
  emptyStringRejected,
  enterpriseUrnPathIgnored,
  errorBodyPlainText,
  errorWithoutDetail,
  filterAndUnsupported,
  filterEmailUnsupported,
  filterExternalIdUnsupported,
  filterIgnoresSoftDeleted,
  filterValueUppercaseRejected,
  groupDeleteNoop,
  groupDeleteUnknown204,
  groupDisplayNameCaseSensitive,
  groupDisplayNameNotUnique,
  groupEmptyMembersRejected,
  groupGetIdMismatch,
  groupPaginationIgnoresStartIndex,
  groupPatchNoPathIgnored,
  groupPostReturns200,
  groupsListNeedsFilter,
  invalidFilterIgnored,
  itemsPerPageWrong,
  jsonContentType,
  managerBareStringRejected,
  memberAddOnlyFirst,
  memberBatchLimit,
  memberFilterRemoveIgnored,
  membersAlwaysReturned,
  membersFilterUnsupported,
  membersReplaceIgnored,
  nameDroppedOnGet,
  noAuth,
  noIdInProjection,
  noLocationHeader,
  noMeta,
  oauthShortTokens,
  oauthWrongSecretAccepted,
  opCaseSensitive,
  paginationZeroBased,
  pagingFieldsAsStrings,
  patchAddIgnoredWhenAbsent,
  patchFilteredPathIgnored,
  patchIgnoredInDefaultDialect,
  patchNoPathOnlyActive,
  patchRemoveIgnored,
  patchRemovesAppliedLast,
  patchSubattributeReplaceIgnored,
  placeholderPasswordRejected,
  postReturns200,
  primaryAsString,
  putDropsExtension,
  putDropsName,
  putSetsActive,
  rateLimit429,
  reactivateIgnored,
  reformatPhone,
  removeMembersClearsAll,
  resourceTypesNoSchemas,
  rolesDroppedOnCreate,
  schemasBareArray,
  softDeleteHidesUser,
  spcIncomplete,
  statusAsNumber,
  stringBooleansRejectedInPatch,
  stringBooleansRejectedOnCreate,
  stringFalseIsTruthy,
  tlsLegacyVersions,
  unknownUser200,
  userGetIdMismatch,
  userPatchNoPathRejected,
  usernameCaseSensitive,
  usernameEqAsContains,
  usernameNotUnique,
  usernameUniqueCaseSensitive,
];

const byName = new Map(DEFECTS.map((d) => [d.name, d]));

export function defectByName(name: string): Defect | undefined {
  return byName.get(name);
}

/** The defects named, in registry order; an unknown name is a configuration error listing the known ones. */
export function defectsByName(names: readonly string[]): Defect[] {
  const unknown = names.filter((n) => !byName.has(n));
  if (unknown.length > 0) {
    throw new HarnessError('HARNESS_CONFIG', `unknown defect ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${DEFECTS.map((d) => d.name).join(', ')}`);
  }
  return DEFECTS.filter((d) => names.includes(d.name));
}
