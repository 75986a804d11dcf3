/** Which attributes a parsed filter names. No schema lookups, so core/schema-defs/profile.ts may use it too. */
import type { AttrPath, FilterNode } from './ast.js';

/**
 * Every attribute path the filter reads, value-filter paths as `{attr: outer, sub: inner}`. Lets a store load what
 * it keeps elsewhere only when needed (e.g. group members for `members.value eq "…"`).
 */
export function referencedPaths(node: FilterNode): AttrPath[] {
  switch (node.op) {
    case 'and':
    case 'or':
      return [...referencedPaths(node.left), ...referencedPaths(node.right)];
    case 'not':
      return referencedPaths(node.filter);
    case 'valuePath':
      return [node.path, ...referencedPaths(node.filter).map((p) => ({ ...node.path, sub: p.attr }))];
    default:
      return [node.path];
  }
}
