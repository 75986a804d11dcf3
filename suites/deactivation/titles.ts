/**
 * Titles of the deactivation checks that other checks can be blocked by, defined once so that the blocked-by
 * check IDs (derived from the title) cannot drift from the checks themselves.
 */
import type { Dialect } from '../../core/run-config.js';
import { checkIdBeside } from '../_harness/patch.js';

export const TITLE = {
  deactivate: 'Sends Replace of active with false, then reads the user by GET and by filter',
  reactivate: 'Sends Replace of active with true to a deactivated user',
} as const;

export const deactivationCheckId = (title: string, dialect: Dialect): string => checkIdBeside(import.meta.url, title, dialect);
