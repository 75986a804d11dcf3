import { isObject, isPresent, parsePath, valuesAt, type JsonObject } from '../../core/filter/index.js';
import { opName, operations, pathOf, valueOf, withOperations } from './helpers.js';
import type { Defect } from './types.js';

/** True when the user holds a value at the attribute the path starts with (unparsable paths count as present). */
function holds(user: JsonObject, path: string): boolean {
  try {
    const p = parsePath(path);
    return valuesAt(user, { ...(p.uri !== undefined ? { uri: p.uri } : {}), ...(p.attr !== undefined ? { attr: p.attr } : {}) }, 'User').values.some(isPresent);
  } catch {
    return true;
  }
}

export const patchAddIgnoredWhenAbsent: Defect = {
  name: 'patch-add-ignored-when-absent',
  requirements: ['USER-PATCH-ADD', 'USER-MANAGER', 'CYCLE-INITIAL', 'CYCLE-INCREMENTAL'],
  description: 'Treats a user PATCH Add as "update existing": an Add for an attribute the user does not have yet (nickName, a new emails entry, the manager) is skipped; Replace works.',
  install: () => ({
    patch: (body, ctx) => {
      if (ctx.type !== 'User') return body;
      const ops = operations(body).flatMap((op) => {
        if (opName(op).toLowerCase() !== 'add') return [op];
        const path = pathOf(op);
        if (path !== undefined) return holds(ctx.current, path) ? [op] : [];
        const value = valueOf(op);
        if (!isObject(value)) return [op];
        const kept = Object.fromEntries(Object.entries(value).filter(([k]) => k.toLowerCase() === 'schemas' || holds(ctx.current, k)));
        return [{ ...op, value: kept }];
      });
      return withOperations(body, ops);
    },
  }),
};
