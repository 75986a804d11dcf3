import { unknownDeleteAnswers204 } from './helpers.js';
import type { Defect } from './types.js';

export const groupDeleteUnknown204: Defect = {
  name: 'group-delete-unknown-204',
  requirements: ['GROUP-DELETE-UNKNOWN'],
  description: 'DELETE /Groups/{id} of an unknown or already deleted id answers 204 instead of 404.',
  install: () => ({ response: unknownDeleteAnswers204('Group') }),
};
