/**
 * IDs of the checks other checks name as their blocker (`blocked(CHECK.createUser, …)`). The spec declaring each
 * of these checks uses the same constant as its `id`, so a blocker always names a check that exists.
 */
export const CHECK = {
  createUser: 'users/create',
  createWithRoles: 'users/create-with-roles',
  valuesVerbatim: 'users/values-verbatim',
  createDuplicateUser: 'users/create-duplicate',
  getUnknownUser: 'users/get-unknown',
  createGroup: 'groups/create',
  getGroup: 'groups/get',
  findGroup: 'groups/filter-display-name',
  groupNoMatch: 'groups/filter-no-match',
  addMember: 'groups/add-member',
  addMembers: 'groups/add-three-members',
  patchAdd: 'patch/add',
  patchReplace: 'patch/replace',
  patchRemove: 'patch/remove',
  valueFilterReplace: 'patch/value-filter-replace',
  deactivate: 'deactivation/deactivate',
  reactivate: 'deactivation/reactivate',
  deprovision: 'lifecycle/deprovision',
  oktaAssign: 'okta/assign-create',
  oktaSpecCreate: 'okta/spec-create-user',
  oktaDeactivate: 'okta/deactivate',
  oktaGroupPush: 'okta/group-push',
} as const;
