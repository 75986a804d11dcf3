import { isObject } from '../../core/filter/index.js';
import { fail } from '../resources/fail.js';
import { operations, pathOf, valueOf } from './helpers.js';
import type { Defect } from './types.js';

const isManagerKey = (k: string): boolean => /(^|:)manager$/i.test(k);

export const managerBareStringRejected: Defect = {
  name: 'manager-bare-string-rejected',
  requirements: ['USER-MANAGER', 'CYCLE-INITIAL', 'CYCLE-INCREMENTAL'],
  description: 'Accepts the manager only as {"value": id}: the bare string id Entra actually sends at urn:…:enterprise:2.0:User:manager gets 400 invalidValue.',
  install: () => ({
    patch: (body, ctx) => {
      if (ctx.type !== 'User') return body;
      for (const op of operations(body)) {
        const path = pathOf(op);
        const value = valueOf(op);
        const bare = path !== undefined
          ? isManagerKey(path) && typeof value === 'string'
          : isObject(value) && Object.entries(value).some(([k, v]) => isManagerKey(k) && typeof v === 'string');
        if (bare) throw fail(400, 'manager must be an object with a value.', 'invalidValue');
      }
      return body;
    },
  }),
};
