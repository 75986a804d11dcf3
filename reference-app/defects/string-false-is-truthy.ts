import { isObject } from '../../core/filter/index.js';
import { operations, pathOf, valueOf, withOperations } from './helpers.js';
import type { Defect } from './types.js';

/** JavaScript's Boolean("False") === true: any non-empty string is truthy. */
const truthy = (v: unknown): unknown => (typeof v === 'string' ? v !== '' : v);

export const stringFalseIsTruthy: Defect = {
  name: 'string-false-is-truthy',
  requirements: ['PATCH-STRING-BOOLEANS', 'USER-DEACTIVATE', 'CYCLE-DEPROVISION'],
  description: 'Converts a string value of active in a user PATCH with Boolean(value), so Entra\'s default-dialect "False" stores active: true and deprovisioning never disables anyone.',
  install: () => ({
    patch: (body, ctx) => (ctx.type !== 'User' ? body : withOperations(body, operations(body).map((op) => {
      const value = valueOf(op);
      const path = pathOf(op);
      if (path !== undefined) return /^active$/i.test(path) ? { ...op, value: truthy(value) } : op;
      if (!isObject(value)) return op;
      return { ...op, value: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, /^active$/i.test(k) ? truthy(v) : v])) };
    }))),
  }),
};
