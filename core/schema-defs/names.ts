/** Attribute lookup by name: the exact spelling first, then ignoring case (RFC 7643 §2.1). */
import type { AttributeDef } from './types.js';

export function findByName(defs: readonly AttributeDef[] | undefined, name: string): AttributeDef | undefined {
  if (!defs) return undefined;
  const lower = name.toLowerCase();
  return defs.find((d) => d.name === name) ?? defs.find((d) => d.name.toLowerCase() === lower);
}
