/**
 * Titles of the PATCH checks that other checks can be blocked by, defined once so that the blocked-by check IDs
 * (derived from the title) cannot drift from the checks themselves.
 */
export const TITLE = {
  replaceSingleValued: 'Sends Replace of userName, displayName, title, externalId and name parts',
  addSingleValued: 'Sends Add of nickName, title and userType to a user without them',
  remove: 'Sends Remove of nickName and title',
} as const;
