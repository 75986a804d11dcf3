// Provision on demand: search a user (name, UPN, mail) or a group, provision it, then read Entra's step cards
// and the exact SCIM requests and answers (redacted).
import { useState } from 'preact/hooks';
import { api, html, query } from './api.js';
import { attempt, ErrorBanner, Status } from './ui.js';

export function OnDemand() {
  const [type, setType] = useState('user');
  const [search, setSearch] = useState('');
  const [found, setFound] = useState();
  const [chosen, setChosen] = useState();
  const [result, setResult] = useState();
  const [error, setError] = useState();
  const [busy, setBusy] = useState(false);
  const [members, setMembers] = useState();
  const [picked, setPicked] = useState([]);

  const choose = (o) => attempt(setError, async () => {
    setChosen(o);
    setMembers(undefined);
    setPicked([]);
    if (o.type !== 'group') return;
    const m = await api('GET', `/api/directory/members${query({ group: o.id })}`);
    setMembers(m);
    setPicked(m.items.slice(0, 5).map((u) => u.id));
  });
  const toggle = (id) => setPicked(picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id]);

  const find = () => attempt(setError, async () => {
    setChosen(undefined);
    setFound((await api('GET', `/api/directory${query({ type, search, limit: 10 })}`)).items);
  });
  const provision = async () => {
    setBusy(true);
    setResult(undefined);
    await attempt(setError, async () => setResult(await api('POST', '/api/provision', chosen.type === 'user' ? { user: chosen.id } : { group: chosen.id, members: picked })));
    setBusy(false);
  };
  return html`<section id="on-demand">
    <h1>Provision on demand</h1>
    <form class="panel form inline" onSubmit=${(e) => { e.preventDefault(); void find(); }}>
      <select id="od-type" value=${type} onChange=${(e) => { setType(e.currentTarget.value); setFound(undefined); setChosen(undefined); }}>
        <option value="user">User</option><option value="group">Group (with up to 5 members)</option>
      </select>
      <input id="od-search" type="search" value=${search} onInput=${(e) => setSearch(e.currentTarget.value)} placeholder=${type === 'user' ? 'name, user principal name or mail' : 'group name'} />
      <button id="od-find" type="submit">Search</button>
    </form>
    <${ErrorBanner} error=${error} />
    ${found && html`<ul class="choices" id="od-results">
      ${found.length === 0 && html`<li class="hint">Nothing matches.</li>`}
      ${found.map((o) => html`<li><label><input type="radio" name="subject" checked=${chosen?.id === o.id} onChange=${() => choose(o)} />
        <strong>${o.displayName}</strong> ${o.userPrincipalName ?? ''} ${o.members !== undefined ? `(${o.members} members)` : ''} <span class="hint">${o.assignment === 'none' ? 'not assigned' : `assigned: ${o.assignment}`}</span></label></li>`)}
    </ul>`}
    ${members && html`<fieldset id="od-members"><legend>Members to provision with the group (up to 5; ${picked.length} chosen)</legend>
      ${members.items.length === 0 && html`<p class="hint">The group has no user members.</p>`}
      ${members.items.map((u) => html`<label class="member"><input type="checkbox" checked=${picked.includes(u.id)} disabled=${!picked.includes(u.id) && picked.length >= 5} onChange=${() => toggle(u.id)} /> ${u.displayName} <span class="hint">${u.userPrincipalName}</span></label>`)}
      ${members.total > members.items.length && html`<p class="hint">The first ${members.items.length} of ${members.total} members are listed.</p>`}
    </fieldset>`}
    <button id="od-provision" type="button" class="primary" disabled=${!chosen || busy} onClick=${provision}>${busy ? 'Provisioning…' : 'Provision'}</button>
    ${result && html`<div id="od-steps">
      <p class=${`banner ${result.ok ? 'ok' : 'error'}`}>${result.ok ? 'Provisioned on demand.' : 'Provisioning on demand failed: see the steps.'}</p>
      ${result.steps.map((s) => html`<${StepCard} step=${s} />`)}
      <h2>SCIM requests and answers</h2>
      ${result.exchanges.length === 0 && html`<p class="hint">No request reached the target.</p>`}
      ${result.exchanges.map((x) => html`<details class="exchange">
        <summary><code>${x.request.method} ${x.request.url}</code> → ${x.response ? x.response.status : x.error?.code}</summary>
        ${x.request.body !== undefined && html`<pre>${JSON.stringify(x.request.body, null, 2)}</pre>`}
        ${x.response?.body !== undefined && html`<pre>${typeof x.response.body === 'string' ? x.response.body : JSON.stringify(x.response.body, null, 2)}</pre>`}
        ${x.error && html`<p class="error">${x.error.message}</p>`}
      </details>`)}
    </div>`}
  </section>`;
}

function StepCard({ step }) {
  const [open, setOpen] = useState(step.status === 'failure');
  return html`<div class="card step" data-step=${step.number}>
    <h3><span class="step-number">${step.number}</span> ${step.name} <${Status} status=${step.status} /></h3>
    ${step.details.length > 0 && html`<button type="button" class="link" onClick=${() => setOpen(!open)}>${open ? 'Hide details' : 'View details'}</button>`}
    ${open && html`<ul class="details">${step.details.map((d) => html`<li>${d}</li>`)}</ul>`}
  </div>`;
}
