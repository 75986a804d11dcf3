import { isObject } from '../../core/filter/index.js';
import { URN } from '../../core/urns.js';
import { operations, pathOf, valueOf, withOperations } from './helpers.js';
import type { Defect } from './types.js';

const ENTERPRISE = URN.EnterpriseUser.toLowerCase();
/** An enterprise attribute other than manager (manager has its own requirement and defect). */
const isEnterpriseKey = (k: string): boolean => k.toLowerCase().startsWith(ENTERPRISE) && !/:manager(\.|$)/i.test(k);

export const enterpriseUrnPathIgnored: Defect = {
  name: 'enterprise-urn-path-ignored',
  requirements: ['USER-PATCH-ENTERPRISE', 'CYCLE-INCREMENTAL'],
  description: 'Silently skips user PATCH operations on enterprise-extension attributes addressed by URN (urn:…:enterprise:2.0:User:department, employeeNumber, …), by path or as path-less keys; manager still works.',
  install: () => ({
    patch: (body, ctx) => (ctx.type !== 'User' ? body : withOperations(body, operations(body).flatMap((op) => {
      const path = pathOf(op);
      if (path !== undefined) return isEnterpriseKey(path) && path.toLowerCase() !== ENTERPRISE ? [] : [op];
      const value = valueOf(op);
      if (!isObject(value)) return [op];
      const kept = Object.entries(value).flatMap(([k, v]): [string, unknown][] => {
        if (k.toLowerCase() === ENTERPRISE && isObject(v)) {
          const manager = Object.entries(v).filter(([name]) => name.toLowerCase() === 'manager');
          return manager.length > 0 ? [[k, Object.fromEntries(manager)]] : [];
        }
        return isEnterpriseKey(k) ? [] : [[k, v]];
      });
      return [{ ...op, value: Object.fromEntries(kept) }];
    }))),
  }),
};
