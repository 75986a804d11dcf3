// Provisioning logs: the table (a page at a time from the server), the portal's filters, a detail pane with
// Steps, Troubleshooting & recommendations, Modified properties and Summary, and the JSON / CSV downloads.
import { useLayoutEffect, useState } from 'preact/hooks';
import { api, html, query, seconds, when } from './api.js';
import { attempt, ErrorBanner, Pager, Status } from './ui.js';

const LIMIT = 50;
const EMPTY = { identity: '', from: '', to: '', status: '', action: '', job: '', cycle: '', change: '' };

export function Logs({ initial }) {
  const [draft, setDraft] = useState({ ...EMPTY, ...initial });
  const [filter, setFilter] = useState({ ...EMPTY, ...initial });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState();
  const [selected, setSelected] = useState();
  const [error, setError] = useState();

  // A layout effect sends the page's request as the view mounts: preact runs useEffect only after the next
  // frame, which left the server idle for up to 16 ms on every page change (measured in bench/console.ts).
  useLayoutEffect(() => { void attempt(setError, async () => setPage(await api('GET', `/api/logs${query({ ...filter, offset, limit: LIMIT })}`))); }, [filter, offset]);
  const field = (name) => (e) => setDraft({ ...draft, [name]: e.currentTarget.value });
  const apply = () => { setSelected(undefined); setOffset(0); setFilter({ ...draft }); };
  return html`<section id="logs">
    <h1>Provisioning logs</h1>
    <form class="panel filters" onSubmit=${(e) => { e.preventDefault(); apply(); }}>
      <label>Identity <input id="f-identity" value=${draft.identity} onInput=${field('identity')} placeholder="name or id" /></label>
      <label>From (UTC) <input id="f-from" type="datetime-local" step="1" value=${draft.from} onInput=${field('from')} /></label>
      <label>To (UTC) <input id="f-to" type="datetime-local" step="1" value=${draft.to} onInput=${field('to')} /></label>
      <label>Status <select id="f-status" value=${draft.status} onChange=${field('status')}>
        <option value="">All</option>${['success', 'failure', 'skipped', 'warning'].map((s) => html`<option value=${s}>${s}</option>`)}
      </select></label>
      <label>Action <select id="f-action" value=${draft.action} onChange=${field('action')}>
        <option value="">All</option>${['create', 'update', 'disable', 'delete', 'stagedDelete', 'other'].map((s) => html`<option value=${s}>${s}</option>`)}
      </select></label>
      <label>Job ID <input id="f-job" value=${draft.job} onInput=${field('job')} /></label>
      <label>Cycle ID <input id="f-cycle" value=${draft.cycle} onInput=${field('cycle')} /></label>
      <label>Change ID <input id="f-change" value=${draft.change} onInput=${field('change')} /></label>
      <div class="actions">
        <button id="f-apply" type="submit" class="primary">Apply</button>
        <button type="button" onClick=${() => { setDraft(EMPTY); setOffset(0); setFilter(EMPTY); }}>Reset filters</button>
        <a id="download-json" class="button" href=${`/api/logs/download${query({ ...filter, format: 'json' })}`} download="ProvisioningLogs.json">Download JSON</a>
        <a id="download-csv" class="button" href=${`/api/logs/download${query({ ...filter, format: 'csv' })}`} download="ProvisioningLogs.csv">Download CSV</a>
      </div>
    </form>
    <${ErrorBanner} error=${error} />
    ${page && html`<table class="grid" id="log-table">
      <thead><tr><th>Date</th><th>Identity</th><th>Action</th><th>Source System</th><th>Target System</th><th>Status</th></tr></thead>
      <tbody>${page.items.map((e) => html`<tr class=${selected?.id === e.id ? 'selected' : ''} data-status=${e.provisioningStatusInfo.status} onClick=${() => setSelected(e)}>
        <td>${when(e.activityDateTime)}</td><td>${e.sourceIdentity.displayName}</td><td>${e.provisioningAction}</td>
        <td>${e.sourceSystem.displayName}</td><td>${e.targetSystem.displayName}</td><td><${Status} status=${e.provisioningStatusInfo.status} /></td>
      </tr>`)}</tbody>
    </table>
    <${Pager} offset=${offset} limit=${LIMIT} total=${page.total} onPage=${setOffset} />`}
    ${selected && html`<${Detail} entry=${selected} onClose=${() => setSelected(undefined)} />`}
  </section>`;
}

const TABS = ['Steps', 'Troubleshooting & recommendations', 'Modified properties', 'Summary'];

function Detail({ entry, onClose }) {
  const [tab, setTab] = useState(TABS[0]);
  const err = entry.provisioningStatusInfo.errorInformation;
  return html`<aside class="detail" id="log-detail">
    <header><h2>${entry.sourceIdentity.displayName}: ${entry.provisioningAction}</h2><button type="button" onClick=${onClose}>✕</button></header>
    <nav class="tabs">${TABS.map((t) => html`<button type="button" role="tab" class=${t === tab ? 'active' : ''} onClick=${() => setTab(t)}>${t}</button>`)}</nav>
    ${tab === 'Steps' && html`<ol class="steps">${entry.provisioningSteps.map((s) => html`<li><${Status} status=${s.status} /> <strong>${s.name}</strong> ${s.description}
      ${Object.keys(s.details).length > 0 && html`<ul>${Object.entries(s.details).map(([k, v]) => html`<li>${k}: ${v}</li>`)}</ul>`}</li>`)}</ol>`}
    ${tab === 'Troubleshooting & recommendations' && (err
      ? html`<dl class="kv"><dt>Error code</dt><dd id="error-code">${err.errorCode}</dd><dt>Reason</dt><dd>${err.reason}</dd><dt>Category</dt><dd>${err.errorCategory}</dd><dt>Recommended action</dt><dd>${err.recommendedAction || '—'}</dd></dl>`
      : html`<p class="hint">No error: nothing to troubleshoot.</p>`)}
    ${tab === 'Modified properties' && (entry.modifiedProperties.length
      ? html`<table class="grid"><thead><tr><th>Property</th><th>Old value</th><th>New value</th></tr></thead>
          <tbody>${entry.modifiedProperties.map((m) => html`<tr><td>${m.displayName}</td><td>${m.oldValue ?? ''}</td><td>${m.newValue ?? ''}</td></tr>`)}</tbody></table>`
      : html`<p class="hint">No property was modified.</p>`)}
    ${tab === 'Summary' && html`<dl class="kv">
      <dt>Date</dt><dd>${when(entry.activityDateTime)}</dd><dt>Status</dt><dd>${entry.provisioningStatusInfo.status}</dd>
      <dt>Source ID</dt><dd><code>${entry.sourceIdentity.id}</code></dd><dt>Target ID</dt><dd><code>${entry.targetIdentity.id || '—'}</code></dd>
      <dt>Change ID</dt><dd><code>${entry.changeId}</code></dd><dt>Cycle ID</dt><dd><code>${entry.cycleId}</code></dd><dt>Job ID</dt><dd><code>${entry.jobId}</code></dd>
      <dt>Initiated by</dt><dd>${entry.initiatedBy.displayName}</dd><dt>Duration</dt><dd>${seconds(entry.durationInMilliseconds)}</dd>
    </dl>`}
  </aside>`;
}
