/** A PATCH path or attribute name parsed, or undefined when it does not parse (for callers that skip such names). */
import { FilterSyntaxError, parsePath, type PathNode } from '../../core/filter/index.js';

export function tryParsePath(text: string): PathNode | undefined {
  try {
    return parsePath(text);
  } catch (e) {
    if (e instanceof FilterSyntaxError) return undefined;
    throw e;
  }
}
