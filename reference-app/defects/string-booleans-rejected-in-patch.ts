import { isObject, toBoolean } from '../../core/filter/index.js';
import { fail } from '../resources/fail.js';
import { operations, pathOf, valueOf } from './helpers.js';
import type { Defect } from './types.js';

function hasStringBoolean(v: unknown): boolean {
  if (typeof v === 'string') return toBoolean(v) !== undefined;
  if (Array.isArray(v)) return v.some(hasStringBoolean);
  return isObject(v) && Object.values(v).some(hasStringBoolean);
}

export const stringBooleansRejectedInPatch: Defect = {
  name: 'string-booleans-rejected-in-patch',
  requirements: ['PATCH-STRING-BOOLEANS', 'CYCLE-DEPROVISION', 'CYCLE-RESTORE'],
  description: 'Rejects a PATCH with 400 invalidValue when a value, or a value filter in the path (roles[primary eq "True"]), holds "True"/"False" as a string, as Entra\'s default dialect sends them.',
  install: () => ({
    patch: (body) => {
      for (const op of operations(body)) {
        if (hasStringBoolean(valueOf(op)) || /"(true|false)"/i.test(pathOf(op) ?? '')) {
          throw fail(400, 'Boolean attributes take JSON booleans, not strings.', 'invalidValue');
        }
      }
      return body;
    },
  }),
};
