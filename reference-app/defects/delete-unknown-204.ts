import { unknownDeleteAnswers204 } from './helpers.js';
import type { Defect } from './types.js';

export const deleteUnknown204: Defect = {
  name: 'delete-unknown-204',
  requirements: ['USER-DELETE-UNKNOWN'],
  description: 'DELETE /Users/{id} of an unknown or already deleted id answers 204 instead of 404.',
  install: () => ({ response: unknownDeleteAnswers204('User') }),
};
