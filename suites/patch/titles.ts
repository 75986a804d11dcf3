/**
 * Titles of the PATCH checks that other checks can be blocked by, defined once so that the blocked-by check IDs
 * (derived from the title) cannot drift from the checks themselves.
 */
import type { Dialect } from '../../core/run-config.js';
import { checkIdBeside } from '../_harness/patch.js';

export const TITLE = {
  replaceSingleValued: 'Sends Replace of userName, displayName, title, externalId and name parts',
  addSingleValued: 'Sends Add of nickName, title and userType to a user without them',
  remove: 'Sends Remove of nickName and title',
} as const;

export const patchCheckId = (title: string, dialect: Dialect): string => checkIdBeside(import.meta.url, title, dialect);
