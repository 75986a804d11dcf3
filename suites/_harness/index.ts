export { check, type CheckContext, type CheckSpec } from './check.js';
export { expectScim, expectValue, fail, describeResponse } from './matchers.js';
export { readPath } from '../../core/filter/index.js';
export { na, blocked } from './verdicts.js';
export { dialects, runContext } from './context.js';
export { CHECK } from './check-ids.js';
export { inDialect } from '../../core/check-id.js';
