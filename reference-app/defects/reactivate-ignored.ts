import { isObject, toBoolean } from '../../core/filter/index.js';
import { operations, pathOf, valueOf, withOperations } from './helpers.js';
import type { Defect } from './types.js';

const isActive = (k: string): boolean => /^active$/i.test(k);

export const reactivateIgnored: Defect = {
  name: 'reactivate-ignored',
  requirements: ['USER-REACTIVATE', 'CYCLE-RESTORE', 'OKTA-USER-REACTIVATE', 'OKTA-CRUD'],
  description: 'Once a user is inactive, a PATCH setting active to true (or "True") is acknowledged but not applied: deprovisioned users can never be restored.',
  install: () => ({
    patch: (body, ctx) => {
      if (ctx.type !== 'User' || ctx.current.active !== false) return body;
      return withOperations(body, operations(body).flatMap((op) => {
        const path = pathOf(op);
        const value = valueOf(op);
        if (path !== undefined) return isActive(path) && toBoolean(value) === true ? [] : [op];
        if (!isObject(value)) return [op];
        return [{ ...op, value: Object.fromEntries(Object.entries(value).filter(([k, v]) => !(isActive(k) && toBoolean(v) === true))) }];
      }));
    },
  }),
};
