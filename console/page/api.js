// The page's one way to the console's JSON API: a failed call throws an Error whose message is the API's own
// (what to fix), shown in the page; changing calls carry the header the server asks of them.
import { h } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);

export async function api(method, path, body) {
  const init = { method, headers: { accept: 'application/json' } };
  if (method !== 'GET') {
    init.headers['x-scim-conform-console'] = '1';
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw new Error('the console server does not answer: is `scim-conform idp console` still running?');
  }
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    throw new Error(`the console answered ${res.status} with something that is not JSON`);
  }
  if (!res.ok) throw new Error(data?.error?.message ?? `the console answered ${res.status}`);
  return data;
}

/** A query string from the set fields of an object. */
export function query(fields) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Simulated times are UTC: shown as `2026-12-05 14:30:07 UTC`. */
export function when(iso) {
  return iso ? `${iso.slice(0, 19).replace('T', ' ')} UTC` : '—';
}

export function seconds(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
