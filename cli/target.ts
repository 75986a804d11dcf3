/** Validation of the target URL and the consent rule for targets that are not on this machine (issue #7). */
import { isIP } from 'node:net';
import { usageError } from './context.js';

/** Parses a tenant URL: http(s), a host, no credentials in it (they belong in --token). */
export function parseTargetUrl(raw: string, flag = '--url'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`${flag} ${JSON.stringify(raw)} is not a URL; expected e.g. https://api.example.com/scim/v2`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`${flag} must be an http:// or https:// URL, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw usageError(`${flag} must not carry credentials; pass the token with --token or SCIM_TOKEN`);
  }
  return url;
}

/** Two spellings of one tenant URL (a trailing slash apart) name the same target. */
export function sameTarget(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** localhost, *.localhost, 127.0.0.0/8 and ::1: the only targets a run may touch without consent. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** One line saying what a run does to a remote target and how to agree to it. */
export function consentMessage(url: string, runPrefix: string): string {
  return (
    `refusing to run against ${url} without consent: the run creates users and groups named "${runPrefix}…" there, ` +
    'changes and deletes them, sends a 10 s burst of 25 requests/s and removes whatever of its own it left behind; ' +
    'nothing else is touched. Pass --accept-side-effects (or set SCIM_ACCEPT_SIDE_EFFECTS=1) to agree'
  );
}
