import { isObject } from '../../core/filter/index.js';
import { fail } from '../resources/fail.js';
import { operations, pathOf, valueOf } from './helpers.js';
import type { Defect } from './types.js';

export const emptyStringRejected: Defect = {
  name: 'empty-string-rejected',
  requirements: ['NULL-UPDATE'],
  description: 'Answers a PATCH that sets an attribute to "" (or null) with 400 invalidValue instead of clearing the attribute.',
  install: () => ({
    patch: (body) => {
      for (const op of operations(body)) {
        const v = valueOf(op);
        const empty = (x: unknown): boolean => x === '' || x === null;
        if (empty(v) || (pathOf(op) === undefined && isObject(v) && Object.values(v).some(empty))) throw fail(400, 'Empty values are not allowed.', 'invalidValue');
      }
      return body;
    },
  }),
};
