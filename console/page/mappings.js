// Attribute mapping and scoping: the mapping table, the Edit attribute dialog (Direct / Constant / Expression,
// with a live preview on a chosen user) and the scoping filters (clauses ANDed, filters ORed). Saving goes to the
// state: the next cycle is initial, as in Entra.
import { useEffect, useState } from 'preact/hooks';
import { api, html, query } from './api.js';
import { attempt, ErrorBanner } from './ui.js';

const KIND = (a) => (a.source !== undefined ? 'Direct' : a.constant !== undefined ? 'Constant' : 'Expression');
const UNARY = ['IS FALSE', 'IS NOT NULL', 'IS NULL', 'IS TRUE'];

export function Mappings() {
  const [data, setData] = useState();
  const [object, setObject] = useState('user');
  const [editing, setEditing] = useState();
  const [error, setError] = useState();
  const [saved, setSaved] = useState();

  const load = () => attempt(setError, async () => setData(await api('GET', '/api/mappings')));
  useEffect(() => { void load(); }, []);
  if (!data) return html`<${ErrorBanner} error=${error} /><p class="loading">Loading…</p>`;
  const mapping = data.input[object] ?? { attributes: [], scopingFilters: [] };
  const update = (next) => { setSaved(undefined); setData({ ...data, input: { ...data.input, [object]: next } }); };
  const save = () => attempt(setError, async () => {
    await api('PUT', '/api/mappings', { input: data.input });
    setSaved('Saved. The next cycle is initial: every object is evaluated again.');
    await load();
  });
  return html`<section id="mappings">
    <h1>Attribute mapping</h1>
    <p class="hint">Mappings in force: ${data.source === 'state' ? 'saved in the state file (by this page or an idp command\'s --mappings)' : "Entra's default non-gallery mapping"}; idp sync and provision on this state run with the same mappings.</p>
    <nav class="tabs">${['user', 'group'].map((o) => html`<button type="button" class=${o === object ? 'active' : ''} onClick=${() => { setObject(o); setEditing(undefined); }}>${o === 'user' ? 'Provision Microsoft Entra ID Users' : 'Provision Microsoft Entra ID Groups'}</button>`)}</nav>
    <${ErrorBanner} error=${error} />
    ${saved && html`<div class="banner ok" id="mappings-saved" role="status">${saved}</div>`}
    <table class="grid" id="mapping-table">
      <thead><tr><th>Source attribute</th><th>Target attribute</th><th>Mapping type</th><th>Matching precedence</th><th>Apply this mapping</th><th></th></tr></thead>
      <tbody>${mapping.attributes.map((a, i) => html`<tr data-target=${a.target}>
        <td><code>${a.source ?? (a.constant !== undefined ? `"${a.constant}"` : a.expression)}</code></td><td><code>${a.target}</code></td><td>${KIND(a)}</td>
        <td>${a.matchingPrecedence ?? ''}</td><td>${a.apply === 'create' ? 'Only during object creation' : 'Always'}</td>
        <td><button type="button" class="link edit" onClick=${() => setEditing({ index: i, attr: { ...a } })}>Edit</button></td>
      </tr>`)}</tbody>
    </table>
    <div class="actions"><button type="button" onClick=${() => setEditing({ index: -1, attr: { target: '', source: '' } })}>Add New Mapping</button></div>
    ${editing && html`<${EditAttribute} editing=${editing} onCancel=${() => setEditing(undefined)} onOk=${(attr) => {
      const attributes = [...mapping.attributes];
      if (editing.index < 0) attributes.push(attr); else attributes[editing.index] = attr;
      update({ ...mapping, attributes });
      setEditing(undefined);
    }} onDelete=${editing.index < 0 ? undefined : () => { update({ ...mapping, attributes: mapping.attributes.filter((_, i) => i !== editing.index) }); setEditing(undefined); }} />`}
    <${Scoping} filters=${mapping.scopingFilters ?? []} operators=${data.operators} onChange=${(scopingFilters) => update({ ...mapping, scopingFilters })} />
    <div class="actions sticky"><button id="save-mappings" type="button" class="primary" onClick=${save}>Save</button><button type="button" onClick=${() => { setSaved(undefined); void load(); }}>Discard changes</button></div>
  </section>`;
}

function EditAttribute({ editing, onOk, onCancel, onDelete }) {
  const [a, setA] = useState(editing.attr);
  const [kind, setKind] = useState(KIND(editing.attr));
  const [userSearch, setUserSearch] = useState('');
  const [preview, setPreview] = useState();
  const [error, setError] = useState();
  const value = kind === 'Direct' ? a.source : kind === 'Constant' ? a.constant : a.expression;
  const attribute = () => {
    const out = { target: a.target };
    if (kind === 'Direct') out.source = value ?? ''; else if (kind === 'Constant') out.constant = value ?? ''; else out.expression = value ?? '';
    if (a.defaultValue) out.defaultValue = a.defaultValue;
    if (a.apply === 'create') out.apply = 'create';
    if (a.matchingPrecedence) out.matchingPrecedence = Number(a.matchingPrecedence);
    if (a.reference !== undefined) out.reference = a.reference;
    return out;
  };
  const setValue = (v) => setA({ ...a, source: kind === 'Direct' ? v : undefined, constant: kind === 'Constant' ? v : undefined, expression: kind === 'Expression' ? v : undefined });
  const test = () => attempt(setError, async () => {
    const users = (await api('GET', `/api/directory${query({ type: 'user', search: userSearch, limit: 1 })}`)).items;
    if (users.length === 0) throw new Error(`no user matches ${JSON.stringify(userSearch)}`);
    const r = await api('POST', '/api/mappings/preview', { attribute: attribute(), userId: users[0].id });
    setPreview({ user: users[0].displayName, ...r });
  });
  return html`<div class="panel dialog" id="edit-attribute" role="dialog" aria-label="Edit attribute">
    <h2>${editing.index < 0 ? 'Add attribute' : 'Edit attribute'}</h2>
    <label>Mapping type <select id="ea-kind" value=${kind} onChange=${(e) => { setKind(e.currentTarget.value); setPreview(undefined); }}>
      <option>Direct</option><option>Constant</option><option>Expression</option></select></label>
    <label>${kind === 'Direct' ? 'Source attribute' : kind === 'Constant' ? 'Constant value' : 'Expression'}
      ${kind === 'Expression'
        ? html`<textarea id="ea-value" rows="3" value=${value ?? ''} onInput=${(e) => setValue(e.currentTarget.value)} />`
        : html`<input id="ea-value" value=${value ?? ''} onInput=${(e) => setValue(e.currentTarget.value)} />`}</label>
    <label>Default value if null (optional) <input value=${a.defaultValue ?? ''} onInput=${(e) => setA({ ...a, defaultValue: e.currentTarget.value || undefined })} /></label>
    <label>Target attribute <input id="ea-target" value=${a.target} onInput=${(e) => setA({ ...a, target: e.currentTarget.value })} /></label>
    <label>Matching precedence (empty: not a matching attribute) <input type="number" min="1" value=${a.matchingPrecedence ?? ''} onInput=${(e) => setA({ ...a, matchingPrecedence: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })} /></label>
    <label>Apply this mapping <select value=${a.apply ?? 'always'} onChange=${(e) => setA({ ...a, apply: e.currentTarget.value })}><option value="always">Always</option><option value="create">Only during object creation</option></select></label>
    <fieldset><legend>Test on a user</legend>
      <input id="ea-user" value=${userSearch} onInput=${(e) => setUserSearch(e.currentTarget.value)} placeholder="name, UPN or mail" />
      <button id="ea-test" type="button" onClick=${test}>Test</button>
      ${preview && html`<p id="ea-preview" class=${preview.ok ? 'ok' : 'error'}>${preview.user}: ${preview.ok ? html`<code>${JSON.stringify(preview.value)}</code>` : preview.error}</p>`}
    </fieldset>
    <${ErrorBanner} error=${error} />
    <div class="actions">
      <button id="ea-ok" type="button" class="primary" onClick=${() => onOk(attribute())}>OK</button>
      <button type="button" onClick=${onCancel}>Cancel</button>
      ${onDelete && html`<button type="button" class="danger" onClick=${onDelete}>Delete</button>`}
    </div>
  </div>`;
}

function Scoping({ filters, operators, onChange }) {
  const asObject = (c) => (typeof c === 'string' ? parse(c, operators) : c);
  const list = filters.map((f) => f.map(asObject));
  const set = (fi, ci, clause) => onChange(list.map((f, i) => (i !== fi ? f : f.map((c, j) => (j === ci ? clause : c)))));
  return html`<section id="scoping"><h2>Source object scope</h2>
    <p class="hint">Clauses of one filter are ANDed; the filters are ORed. A null attribute makes a clause false (IS NULL aside).</p>
    ${list.map((f, fi) => html`<div class="panel filter" data-filter=${fi}><h3>Scoping filter ${fi + 1}</h3>
      ${f.map((c, ci) => html`<div class="clause">
        <input class="sc-attr" value=${c.attribute} placeholder="attribute" onInput=${(e) => set(fi, ci, { ...c, attribute: e.currentTarget.value })} />
        <select class="sc-op" value=${c.operator} onChange=${(e) => set(fi, ci, { ...c, operator: e.currentTarget.value })}>${operators.map((o) => html`<option>${o}</option>`)}</select>
        ${!UNARY.includes(c.operator) && html`<input class="sc-value" value=${c.value ?? ''} placeholder="value" onInput=${(e) => set(fi, ci, { ...c, value: e.currentTarget.value })} />`}
        <button type="button" class="link" onClick=${() => onChange(list.map((g, i) => (i !== fi ? g : g.filter((_, j) => j !== ci))).filter((g) => g.length))}>Remove</button>
      </div>`)}
      <button type="button" class="link" onClick=${() => onChange(list.map((g, i) => (i !== fi ? g : [...g, { attribute: '', operator: 'EQUALS', value: '' }])))}>Add clause</button>
    </div>`)}
    <button id="add-filter" type="button" onClick=${() => onChange([...list, [{ attribute: 'department', operator: 'EQUALS', value: '' }]])}>Add scoping filter</button>
  </section>`;
}

/** `department EQUALS Sales` → its parts (the mappings file may hold clauses as text). */
function parse(text, operators) {
  const [attribute, ...rest] = text.trim().split(/\s+/);
  const tail = rest.join(' ');
  const operator = [...operators].sort((x, y) => y.length - x.length).find((o) => tail.toUpperCase().startsWith(o.toUpperCase())) ?? 'EQUALS';
  return { attribute, operator, value: tail.slice(operator.length).trim() };
}
