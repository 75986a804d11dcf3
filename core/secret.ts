/**
 * Secrets this tool makes up (the embedded app's token and client secret, `serve`'s printed token). Marked with a
 * prefix so they are recognisable in a log someone pastes, and so they never start with "-": a base64url
 * secret that did would be read as flags after `--token` (yargs, like most parsers, takes "-x…" for an option).
 */
import { randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'scr_';

export function newSecret(bytes = 24): string {
  return `${SECRET_PREFIX}${randomBytes(bytes).toString('base64url')}`;
}
