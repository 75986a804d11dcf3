export { check, type CheckContext, type CheckSpec } from './check.js';
export { expectScim, expectValue, readPath, fail, describeResponse } from './matchers.js';
export { na, blocked } from './verdicts.js';
export { dialects, runContext } from './context.js';
export { CHECK } from './check-ids.js';
export { inDialect } from '../../core/check-id.js';
