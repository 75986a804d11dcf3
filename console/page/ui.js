// Small pieces every page uses: the error banner, a status badge, a pager.
import { html } from './api.js';

export function ErrorBanner({ error }) {
  return error ? html`<div class="banner error" role="alert">${error}</div>` : null;
}

export function Status({ status }) {
  return html`<span class=${`badge ${status}`}>${status}</span>`;
}

export function Pager({ offset, limit, total, onPage }) {
  const last = Math.min(total, offset + limit);
  return html`<div class="pager">
    <button type="button" disabled=${offset === 0} onClick=${() => onPage(Math.max(0, offset - limit))}>‹ Previous</button>
    <span class="range">${total === 0 ? 'no items' : `${offset + 1}–${last} of ${total.toLocaleString('en')}`}</span>
    <button type="button" disabled=${last >= total} onClick=${() => onPage(offset + limit)}>Next ›</button>
  </div>`;
}

/** Runs an async action, shows its error in `setError` and returns its result (undefined on error). */
export async function attempt(setError, fn) {
  setError(undefined);
  try {
    return await fn();
  } catch (err) {
    setError(err instanceof Error ? err.message : String(err));
    return undefined;
  }
}
