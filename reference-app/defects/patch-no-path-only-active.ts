import { isObject } from '../../core/filter/index.js';
import { opName, operations, pathOf, valueOf, withOperations } from './helpers.js';
import type { Defect } from './types.js';

const isActive = (k: string): boolean => /^active$/i.test(k);

export const patchNoPathOnlyActive: Defect = {
  name: 'patch-no-path-only-active',
  requirements: ['USER-PATCH-NO-PATH', 'CYCLE-INCREMENTAL', 'OKTA-USER-UPDATE', 'OKTA-CRUD'],
  oktaVariant: { userUpdates: 'patch', mode: 'oin' },
  description: 'Applies only `active` from the value of a path-less user replace (the deactivation it was written for) and silently drops every other attribute: Okta\'s profile update by PATCH ("Support PATCH for User") changes nothing. Okta\'s default PUT updates and its path-less deactivation work.',
  install: () => ({
    patch: (body, ctx) => (ctx.type !== 'User' ? body : withOperations(body, operations(body).map((op) => {
      const value = valueOf(op);
      if (pathOf(op) !== undefined || opName(op).toLowerCase() !== 'replace' || !isObject(value)) return op;
      return { ...op, value: Object.fromEntries(Object.entries(value).filter(([k]) => isActive(k))) };
    }))),
  }),
};
