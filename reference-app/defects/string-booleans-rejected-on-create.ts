import { isObject } from '../../core/filter/index.js';
import { fail } from '../resources/fail.js';
import type { Defect } from './types.js';

/** A strictly typed binder: "True" where a boolean belongs (active, any primary) is a type error. */
function stringBooleanAt(v: unknown, key = ''): string | undefined {
  if (typeof v === 'string' && /^(active|primary)$/i.test(key)) return key;
  if (Array.isArray(v)) return v.map((x) => stringBooleanAt(x)).find((k) => k !== undefined);
  if (isObject(v)) return Object.entries(v).map(([k, x]) => stringBooleanAt(x, k)).find((k) => k !== undefined);
  return undefined;
}

export const stringBooleansRejectedOnCreate: Defect = {
  name: 'string-booleans-rejected-on-create',
  requirements: ['USER-CREATE-STRING-BOOLEANS'],
  description: 'Rejects POST and PUT /Users with 400 when active or a primary flag is a string such as "True" (as the validator sends), like a .NET binder does.',
  install: () => ({
    request: (req) => {
      const writes = req.resourceType === 'User' && ((req.method === 'POST' && req.route === 'collection') || req.method === 'PUT');
      const key = writes ? stringBooleanAt(req.body) : undefined;
      if (key !== undefined) throw fail(400, `The JSON value could not be converted to System.Boolean. Path: ${key}`, 'invalidValue');
      return req;
    },
  }),
};
