import { opName, operations, withOperations } from './helpers.js';
import type { Defect } from './types.js';

/**
 * Entra's default dialect is what real tenants send, so this breaks every PATCH the default dialect carries:
 * attribute updates, (de)activation with "True"/"False", and group membership. Checks of quirks the default
 * dialect also carries (string booleans, empty strings) are blocked by their control, not failed: the capitalised
 * op, not the quirk, is what the endpoint mishandles.
 */
export const patchIgnoredInDefaultDialect: Defect = {
  name: 'patch-ignored-in-default-dialect',
  requirements: [
    'CYCLE-INITIAL', 'CYCLE-INCREMENTAL', 'CYCLE-DEPROVISION', 'CYCLE-ON-DEMAND',
    'PATCH-OP-CASE', 'USER-PATCH-REPLACE', 'USER-PATCH-MULTIVALUED', 'USER-PATCH-ADD',
    'USER-PATCH-REMOVE', 'USER-PATCH-ENTERPRISE', 'USER-MANAGER', 'USER-DEACTIVATE',
    'GROUP-PATCH-REPLACE', 'GROUP-MEMBER-ADD', 'GROUP-MEMBER-REMOVE',
  ],
  description: 'Acknowledges a PATCH whose ops are capitalised (Entra\'s default "Add"/"Replace"/"Remove") with 200/204 but applies nothing; lower-case RFC ops (aadOptscim062020, the validator) work.',
  install: () => ({
    patch: (body) => (operations(body).some((op) => /^[A-Z]/.test(opName(op))) ? withOperations(body, []) : body),
  }),
};
