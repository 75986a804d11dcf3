// The console's frame, like Entra's Provisioning blade: the left navigation and one page at a time, chosen by the
// URL's hash (#/overview, #/logs?status=failure …) so a reload or a link lands on the same page.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { html } from './api.js';
import { Credentials } from './credentials.js';
import { Directory } from './directory.js';
import { Logs } from './logs.js';
import { Mappings } from './mappings.js';
import { OnDemand } from './on-demand.js';
import { Overview } from './overview.js';

const PAGES = {
  overview: { title: 'Overview', view: () => html`<${Overview} />` },
  'on-demand': { title: 'Provision on demand', view: () => html`<${OnDemand} />` },
  credentials: { title: 'Admin credentials', section: 'Manage', view: () => html`<${Credentials} />` },
  mappings: { title: 'Attribute mapping', section: 'Manage', view: () => html`<${Mappings} />` },
  directory: { title: 'Users and groups', section: 'Manage', view: () => html`<${Directory} />` },
  logs: { title: 'Provisioning logs', section: 'Activity', view: (params) => html`<${Logs} initial=${params} key=${JSON.stringify(params)} />` },
};

function route() {
  const [path, q = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return { page: PAGES[path] ? path : 'overview', params: Object.fromEntries(new URLSearchParams(q)) };
}

function App() {
  const [r, setR] = useState(route());
  useEffect(() => {
    const on = () => setR(route());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  let section;
  return html`<div class="frame">
    <header class="top"><strong>scim-conform</strong> · Provisioning <span class="hint">(the mock IdP's emulator of Microsoft Entra provisioning)</span></header>
    <nav class="side" aria-label="Provisioning">
      ${Object.entries(PAGES).map(([id, p]) => {
        const head = p.section && p.section !== section ? html`<div class="nav-section">${p.section}</div>` : null;
        section = p.section;
        return html`${head}<a id=${`nav-${id}`} href=${`#/${id}`} class=${r.page === id ? 'active' : ''}>${p.title}</a>`;
      })}
    </nav>
    <main>${PAGES[r.page].view(r.params)}</main>
  </div>`;
}

const root = document.getElementById('app');
root.textContent = ''; // the "Loading…" placeholder: preact's render adds to a container, it does not replace it
render(html`<${App} />`, root);
