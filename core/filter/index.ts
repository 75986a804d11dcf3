/** Public API of the filter and attribute-path grammar. */
export type { AttrPath, CompareOp, CompValue, FilterNode, PathNode } from './ast.js';
export { FilterSyntaxError } from './errors.js';
export { parseFilter, parsePath, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH } from './parser.js';
export { evaluateElement, evaluateFilter, valuesAt, type ElementScope } from './evaluate.js';
export { extractEqualityHint, wholeFilterHint, type EqualityHint } from './hint.js';
export { referencedPaths } from './referenced.js';
export {
  equalityTerms, isFilteredPath, parseTargetPath, readPath, writePath, type EqualityTerm, type TargetPath,
} from './target-path.js';
export { asArray, findKey, getKey, isObject, isPresent, toBoolean, toInstant, type JsonObject } from './access.js';
