/**
 * Splitting `[urn:…:]attr[.sub]` text. A module of its own, below index.ts and profile.ts, so that core/filter's
 * parser can use it and profile.ts can use that parser without an import cycle.
 */
import { FULL_SCHEMAS } from './full.js';
import type { AttrPath } from './types.js';

/**
 * Splits `[urn:…:]attr[.sub]` text into an AttrPath without validating names. Known schema URNs are recognised by
 * prefix (their last segment `User` must not be mistaken for an attribute); an unknown `urn:` prefix ends at the
 * last colon. A known URN alone yields `{ uri }` (the whole extension).
 */
export function splitAttrPath(text: string): AttrPath {
  let uri: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const lower = text.toLowerCase();
    const known = FULL_SCHEMAS.map((s) => s.id).find((u) => lower === u.toLowerCase() || lower.startsWith(`${u.toLowerCase()}:`));
    if (known !== undefined) {
      uri = known;
      rest = text.slice(known.length + 1);
    } else {
      const colon = text.lastIndexOf(':');
      uri = text.slice(0, colon);
      rest = text.slice(colon + 1);
    }
    if (rest === '') return { uri };
  }
  const dot = rest.indexOf('.');
  const attr = dot < 0 ? rest : rest.slice(0, dot);
  const sub = dot < 0 ? undefined : rest.slice(dot + 1);
  return { ...(uri !== undefined ? { uri } : {}), attr, ...(sub !== undefined ? { sub } : {}) };
}
