// Admin credentials: tenant URL and secret token (never shown back), and Test Connection with its result.
import { useEffect, useState } from 'preact/hooks';
import { api, html } from './api.js';
import { attempt, ErrorBanner, Status } from './ui.js';

export function Credentials() {
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [tokenSet, setTokenSet] = useState(false);
  const [saved, setSaved] = useState(false);
  const [result, setResult] = useState();
  const [error, setError] = useState();
  const [busy, setBusy] = useState(false);

  // What is saved fills the field only if nothing was typed before it arrived.
  useEffect(() => { void attempt(setError, async () => { const c = await api('GET', '/api/credentials'); setUrl((typed) => typed || c.tenantUrl || ''); setTokenSet(c.tokenSet); }); }, []);

  const save = () => attempt(setError, async () => {
    const c = await api('PUT', '/api/credentials', { tenantUrl: url, token });
    setToken('');
    setTokenSet(c.tokenSet);
    setSaved(true);
    return c;
  });
  const test = async () => {
    setBusy(true);
    setResult(undefined);
    if (token || !tokenSet) { if (!(await save())) { setBusy(false); return; } }
    await attempt(setError, async () => setResult(await api('POST', '/api/test-connection')));
    setBusy(false);
  };
  return html`<section id="credentials">
    <h1>Admin credentials</h1>
    <p class="hint">The secret token is kept in this console's memory only: never written to the state file, a log or a download.</p>
    <form class="panel form" onSubmit=${(e) => { e.preventDefault(); void save(); }}>
      <label>Tenant URL <input id="tenant-url" type="url" required value=${url} onInput=${(e) => { setUrl(e.currentTarget.value); setSaved(false); }} placeholder="https://api.example.com/scim/v2" /></label>
      <label>Secret token <input id="secret-token" type="password" autocomplete="off" value=${token} onInput=${(e) => { setToken(e.currentTarget.value); setSaved(false); }} placeholder=${tokenSet ? '•••••••• (set; type to replace)' : 'the bearer token'} /></label>
      <div class="actions">
        <button id="save-credentials" type="submit" class="primary">Save</button>
        <button id="test-connection" type="button" disabled=${busy} onClick=${test}>${busy ? 'Testing…' : 'Test Connection'}</button>
        ${saved && html`<span class="ok">Saved</span>`}
      </div>
    </form>
    <${ErrorBanner} error=${error} />
    ${result && html`<div id="test-result" class=${`banner ${result.ok ? 'ok' : 'error'}`} role="status">
      <strong>${result.ok ? 'The supplied credentials are authorized to enable provisioning.' : 'Test Connection failed.'}</strong>
      <ul>${result.checks.map((c) => html`<li><${Status} status=${c.ok ? 'success' : 'failure'} /> <code>${c.step}</code> ${c.message}</li>`)}</ul>
    </div>`}
  </section>`;
}
