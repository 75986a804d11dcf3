// Overview: current cycle status with its progress bar, statistics to date, the quarantine and accidental-
// deletion banners, and Start / Stop / Restart provisioning, kept up to date by polling the API.
import { useEffect, useState } from 'preact/hooks';
import { api, html, seconds, when } from './api.js';
import { attempt, ErrorBanner } from './ui.js';

export function Overview() {
  const [o, setO] = useState();
  const [error, setError] = useState();
  const [confirmRestart, setConfirmRestart] = useState(false);
  const [reset, setReset] = useState(false);

  // Polls twice a second while a cycle runs, every 3 s otherwise; a start (which answers `running`) re-arms it.
  const running = Boolean(o && o.running);
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      try {
        const next = await api('GET', '/api/overview');
        if (!stopped) setO(next);
      } catch (err) {
        if (!stopped) setError(err.message);
      }
    };
    void load();
    const timer = setInterval(load, running ? 400 : 3000);
    return () => { stopped = true; clearInterval(timer); };
  }, [running]);

  const act = (path, body) => attempt(setError, async () => setO(await api('POST', path, body)));
  if (!o) return html`<${ErrorBanner} error=${error} /><p class="loading">Loading…</p>`;
  const last = o.lastCycle;
  const run = o.running;
  const percent = run ? run.percent : last && !last.aborted ? 100 : 0;
  const statusLine = run
    ? `${cap(run.kind)} cycle running${run.stopping ? ' (stopping)' : ''}`
    : last ? `${cap(last.kind)} cycle ${last.aborted ? 'stopped' : 'completed'}` : 'Initial cycle not run';
  const q = o.quarantine;
  return html`<section id="overview">
    <h1>Overview</h1>
    <div class="toolbar">
      <button id="start" type="button" class="primary" disabled=${!!run} onClick=${() => act('/api/provisioning/start')}>▶ Start provisioning</button>
      <button id="stop" type="button" disabled=${!run} onClick=${() => act('/api/provisioning/stop')}>■ Stop provisioning</button>
      <button id="restart" type="button" disabled=${!!run} onClick=${() => setConfirmRestart(true)}>↻ Restart provisioning</button>
    </div>
    ${confirmRestart && html`<div class="panel confirm">
      <p>Restart clears the watermark, the escrow and the quarantine: the next cycle is initial.</p>
      <label><input type="checkbox" checked=${reset} onChange=${(e) => setReset(e.currentTarget.checked)} /> Also forget every link (every object is matched again)</label>
      <div class="actions">
        <button id="restart-confirm" type="button" class="primary" onClick=${async () => { setConfirmRestart(false); await act('/api/provisioning/restart', { reset }); }}>Restart</button>
        <button type="button" onClick=${() => setConfirmRestart(false)}>Cancel</button>
      </div>
    </div>`}
    <${ErrorBanner} error=${error} />
    ${o.lastRunError && html`<div class="banner error" role="alert">The last cycle could not run: ${o.lastRunError}</div>`}
    ${o.disabled && html`<div class="banner error" role="alert">The job is disabled after four weeks in quarantine (${o.disabled}). Fix the cause, then Restart provisioning.</div>`}
    ${q && q.reason === 'TooManyDeletes'
      ? html`<div id="deletion-banner" class="banner warn" role="alert">
          <strong>Provisioning has been quarantined: the accidental-deletion threshold was exceeded.</strong>
          <span>${o.deletionsHeld} deletion(s) held back. ${q.detail}</span>
          <div class="actions">
            <button id="allow-deletes" type="button" class="primary" onClick=${() => act('/api/provisioning/start', { allowDeletes: true })}>Allow deletes</button>
            <a href="#/logs?action=stagedDelete">View provisioning logs</a>
          </div>
        </div>`
      : q && html`<div id="quarantine-banner" class="banner warn" role="alert">
          <strong>The provisioning job is in quarantine (${q.reason}) since ${when(q.sinceIso)}.</strong>
          <span>${q.detail}</span> <a href="#/logs?status=failure">View provisioning logs</a>
        </div>`}
    <div class="cards">
      <div class="card" id="cycle-status">
        <h2>Current cycle status</h2>
        <p class="status-line">${statusLine}</p>
        <progress id="progress" max="100" value=${percent}></progress>
        <p><span id="percent">${percent}% complete</span>${run && run.phase ? html` · ${run.phase}: ${run.done.toLocaleString('en')} of ${run.total.toLocaleString('en')}` : ''}</p>
        <p>Next cycle: <strong id="next-cycle">${o.nextCycle}</strong></p>
        <dl class="counts">
          <div><dt>Users</dt><dd id="users-provisioned">${o.provisioned.users.toLocaleString('en')}</dd></div>
          <div><dt>Groups</dt><dd id="groups-provisioned">${o.provisioned.groups.toLocaleString('en')}</dd></div>
        </dl>
        <a href="#/logs">View provisioning logs</a>
      </div>
      <div class="card" id="statistics">
        <h2>Statistics to date</h2>
        <dl>
          <dt>Completed</dt><dd id="last-completed">${last ? when(last.at) : '—'}</dd>
          <dt>Duration</dt><dd>${last ? seconds(last.durationMs) : '—'}</dd>
          <dt>Last cycle</dt><dd>${last ? `${last.created} created, ${last.updated} updated, ${last.disabled} disabled, ${last.deleted} deleted, ${last.skipped} skipped, ${last.failed} failed` : '—'}</dd>
          <dt>Steady state achieved</dt><dd>${o.steadyState ? 'Yes' : 'No'}</dd>
          <dt>Provisioning interval (fixed)</dt><dd>40 minutes (simulated)</dd>
          <dt>Escrowed operations</dt><dd>${o.escrow}</dd>
          <dt>Directory</dt><dd>${o.directory.users.toLocaleString('en')} users, ${o.directory.groups.toLocaleString('en')} groups</dd>
          <dt>Job ID</dt><dd><code>${o.jobId}</code></dd>
          <dt>State file</dt><dd><code>${o.state}</code></dd>
          <dt>Tenant URL</dt><dd>${o.credentials.tenantUrl ?? html`<a href="#/credentials">not set</a>`}</dd>
        </dl>
      </div>
    </div>
  </section>`;
}

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
