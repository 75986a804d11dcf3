/**
 * compliance.html: one self-contained file (no network, no external assets). Everything is readable without
 * JavaScript; a small script adds the status filter and search. Every value that can come from the endpoint is
 * HTML-escaped, and a Content-Security-Policy allows only the inline script by its hash, so even an escaping slip
 * could not run a script from a response body.
 */
import { createHash } from 'node:crypto';
import type { CheckStatus, Exchange } from '../core/evidence.js';
import { rfcLink } from '../core/requirements.js';
import { GALLERY_LABEL, LEGEND, STATUS_LABEL, CHECKLIST_HEADING, attributeSource, displayStatus, formatMs, messageBody, oktaVariantText, verdictSentence, verdictTitle, type AnyStatus } from './legend.js';
import type { ComplianceReport, ReportCheck, RequirementResult, RequirementStatus } from './model.js';

export function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Only http(s) links are rendered as links; anything else (javascript:, data:) stays text. */
function link(href: string | undefined, text: string): string {
  return href && /^https?:\/\//i.test(href) ? `<a href="${esc(href)}" rel="noreferrer">${esc(text)}</a>` : esc(text);
}

const COLOR: Record<AnyStatus, string> = {
  fail: '#c62828', warn: '#e65100', error: '#6a1b9a', blocked: '#795548', waived: '#00838f',
  info: '#1565c0', na: '#8a8a8a', untested: '#b0b0b0', pass: '#2e7d32',
};
const ORDER: readonly AnyStatus[] = LEGEND.map(([s]) => s);

function badge(status: AnyStatus): string {
  return `<span class="badge s-${status}">${esc(STATUS_LABEL[status])}</span>`;
}

function pretty(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function headers(h: Record<string, string>): string {
  return Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\n');
}

function exchange(e: Exchange): string {
  const path = (() => {
    try {
      const u = new URL(e.request.url);
      return `${u.pathname}${u.search}`;
    } catch {
      return e.request.url;
    }
  })();
  const outcome = e.response ? String(e.response.status) : `no answer (${e.error?.code ?? 'error'})`;
  const request = [`${e.request.method} ${e.request.url}`, headers(e.request.headers), '', pretty(e.request.body)].join('\n').trimEnd();
  const response = e.response
    ? [`HTTP ${e.response.status}`, headers(e.response.headers), '', pretty(e.response.body)].join('\n').trimEnd() + (e.response.truncated ? '\n… (truncated when recorded)' : '')
    : `${e.error?.code ?? 'error'}: ${e.error?.message ?? 'no response'}`;
  return `<details class="exchange"><summary>#${e.seq} ${esc(e.step ?? `${e.request.method} ${path}`)} → ${esc(outcome)} <span class="ms">${esc(formatMs(e.ms))}${e.attempt ? ` · retry ${e.attempt}` : ''}</span></summary>
<div class="http"><h5>Request</h5><pre>${esc(request)}</pre><h5>Response</h5><pre>${esc(response)}</pre></div></details>`;
}

/** [href, text] pairs for a requirement's RFC section and Microsoft doc. */
function sources(r: RequirementResult | undefined): [string | undefined, string][] {
  const out: [string | undefined, string][] = [];
  if (r?.source?.rfc) out.push([rfcLink(r.source.rfc), r.source.rfc]);
  if (r?.source?.doc) out.push([r.source.doc, 'Microsoft doc']);
  return out;
}

/** Links, each target once (several requirements often cite the same Microsoft page). */
function sourceLinks(pairs: [string | undefined, string][]): string {
  const seen = new Set<string>();
  return pairs.filter(([href, text]) => {
    const key = href ?? text;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).map(([href, text]) => link(href, text)).join(' · ');
}

function anchors(checks: readonly ReportCheck[]): Map<string, string> {
  const map = new Map<string, string>();
  const used = new Set<string>();
  checks.forEach((c) => {
    const base = `check-${c.id.replace(/[^A-Za-z0-9_-]/g, '-')}${c.dialect ? `-${c.dialect.replace(/[^A-Za-z0-9_-]/g, '-')}` : ''}`;
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
    used.add(id);
    map.set(`${c.id}\u0000${c.dialect ?? ''}`, id);
    if (!map.has(c.id)) map.set(c.id, id);
  });
  return map;
}

function check(c: ReportCheck, anchor: Map<string, string>, reqs: Map<string, RequirementResult>): string {
  const id = anchor.get(`${c.id}\u0000${c.dialect ?? ''}`) ?? '';
  const status = displayStatus(c);
  const parts = [`<article class="check" id="${esc(id)}" data-status="${status}">`,
    `<h4>${badge(status)} ${esc(c.title)}</h4>`,
    `<code class="id">${esc(c.id)}</code>`,
    `<p class="meta">${c.requirements.map((r) => `<a href="#req-${esc(r)}">${esc(r)}</a>`).join(', ')}${c.level ? ` · ${esc(c.level)}` : ''}${c.dialect ? ` · dialect ${esc(c.dialect)}` : ''} · ${esc(formatMs(c.durationMs))}${c.errorCode ? ` · <code>${esc(c.errorCode)}</code>` : ''}</p>`];
  if (c.waiver) parts.push(`<p class="note">Waived until ${esc(c.waiver.expires)}: ${esc(c.waiver.reason)}</p>`);
  if (c.blockedBy) {
    const target = anchor.get(c.blockedBy);
    parts.push(`<p class="note">Blocked by ${target ? `<a href="#${esc(target)}">${esc(c.blockedBy)}</a>` : esc(c.blockedBy)}</p>`);
  }
  if (c.status === 'na' && c.reason) parts.push(`<p class="note">n/a: ${esc(c.reason)}</p>`);
  if (c.attributes?.length) parts.push(`<p class="meta">Attributes: ${c.attributes.map((a) => `<code>${esc(a)}</code>`).join(', ')}</p>`);
  if (c.location) parts.push(`<p class="meta">Declared in <code>suites/${esc(c.location)}</code></p>`);
  const message = messageBody(c);
  if (message && message !== c.reason) parts.push(`<pre class="message">${esc(message)}</pre>`);
  if (c.expected !== undefined || c.actual !== undefined) {
    parts.push(`<dl class="ea">${c.expected !== undefined ? `<dt>Expected</dt><dd><code>${esc(c.expected)}</code></dd>` : ''}${c.actual !== undefined ? `<dt>Actual</dt><dd><code>${esc(c.actual)}</code></dd>` : ''}</dl>`);
  }
  if (c.hint && c.status !== 'pass') parts.push(`<p class="hint"><b>Fix:</b> ${esc(c.hint)}</p>`);
  const links = sourceLinks(c.requirements.flatMap((r) => sources(reqs.get(r))));
  if (links) parts.push(`<p class="links">${links}</p>`);
  if (c.counterparts?.length) parts.push(`<p class="links">Microsoft counterparts: ${c.counterparts.map(esc).join('; ')}</p>`);
  parts.push(...c.exchanges.map(exchange), '</article>');
  return parts.join('\n');
}

/** Two stacked bars (checks, requirements) as inline SVG; the table beside it carries the same numbers as text. */
function chart(report: ComplianceReport): string {
  const width = 580;
  const LABEL = 140;
  const bar = (label: string, y: number, counts: Partial<Record<AnyStatus, number>>): string => {
    const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
    let x = LABEL;
    const rects = ORDER.filter((s) => (counts[s] ?? 0) > 0).map((s) => {
      const n = counts[s] ?? 0;
      const w = total ? (n / total) * (width - LABEL) : 0;
      const r = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="22" fill="${COLOR[s]}"><title>${esc(STATUS_LABEL[s])}: ${n}</title></rect>`;
      x += w;
      return r;
    });
    return `<text x="0" y="${y + 16}">${esc(label)} (${total})</text>${rects.join('')}`;
  };
  const desc = ORDER.filter((s) => s in report.summary && report.summary[s as CheckStatus] > 0).map((s) => `${report.summary[s as CheckStatus]} ${STATUS_LABEL[s]}`).join(', ');
  return `<svg class="chart" role="img" aria-label="Checks: ${esc(desc)}" viewBox="0 0 ${width} 64" width="${width}" height="64" xmlns="http://www.w3.org/2000/svg">
${bar('checks', 4, report.summary)}
${bar('requirements', 36, report.requirementSummary ?? {})}
</svg>`;
}

function countsTable(report: ComplianceReport): string {
  const rows = ORDER.map((s) => {
    const checks = s in report.summary ? report.summary[s as CheckStatus] : undefined;
    const reqs = report.requirementSummary?.[s as RequirementStatus];
    if (!checks && !reqs) return '';
    return `<tr class="count-${s}"><th scope="row">${badge(s)}</th><td>${checks ?? '–'}</td><td>${reqs ?? '–'}</td></tr>`;
  }).filter(Boolean);
  return `<table class="counts" id="counts"><thead><tr><th>status</th><th>checks</th><th>requirements</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The submission checklist of the report's profile, or one per gallery in a report merged from several profiles. */
function gallery(report: ComplianceReport): string {
  const lists = report.galleries?.length
    ? report.galleries.map((g) => ({ profile: g.profile, items: g.checklist }))
    : [{ profile: report.profile ?? 'entra', items: report.gallery ?? [] }];
  return lists.filter((l) => l.items.length).map(({ profile, items }) => {
    // The headings are our own constant text (legend.ts), written as they are like the rest of the page's prose.
    const heading = CHECKLIST_HEADING[profile];
    const rows = items.map((g) => `<tr class="g-${g.status}"><td>${esc(g.title)}</td><td>${esc(g.need)}</td><td><span class="badge g-${g.status}">${esc(GALLERY_LABEL[g.status])}</span></td><td>${esc(g.note)}</td></tr>`);
    return `<section id="${profile === 'entra' ? 'gallery' : `gallery-${profile}`}"><h2>${heading.title}</h2><p>${heading.intro}</p>
<table class="grid"><thead><tr><th>item</th><th>${heading.owner}</th><th>status</th><th>note</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></section>`;
  }).join('\n');
}

/** A merged report's verdict per gallery, under the overall one. */
function galleryVerdicts(report: ComplianceReport): string {
  if (!report.galleries?.length) return '';
  return `<ul class="meta" id="gallery-verdicts">${report.galleries.map((g) => `<li>${esc(g.gallery)}: <strong>${esc(verdictTitle(g.verdict, g.profile))}</strong></li>`).join('')}</ul>`;
}

function requirementsByArea(report: ComplianceReport, anchor: Map<string, string>): string {
  const areas = new Map<string, RequirementResult[]>();
  for (const r of report.requirements) areas.set(r.area ?? 'other', [...(areas.get(r.area ?? 'other') ?? []), r]);
  const groups = [...areas].map(([area, reqs]) => {
    const rows = reqs.map((r) => {
      const note = (r.status === 'na' || r.status === 'untested') && r.reason ? `<br><small>${r.status === 'na' ? 'n/a' : 'untested'}: ${esc(r.reason)}</small>`
        : r.waiver ? `<br><small>waiver until ${esc(r.waiver.expires)}${r.waiver.expired ? ' (EXPIRED)' : ''}: ${esc(r.waiver.reason)}</small>` : '';
      const checks = r.checks.map((c) => `<a href="#${esc(anchor.get(c) ?? '')}">${esc(c)}</a>`).join('<br>');
      return `<tr id="req-${esc(r.id)}" data-status="${r.status}"><td><b>${esc(r.id)}</b></td><td>${esc(r.level)}</td><td>${badge(r.status)}${note}</td><td>${esc(r.statement ?? '')}${r.condition ? `<br><small>${esc(r.condition)}</small>` : ''}<br><small>${sourceLinks(sources(r))}</small></td><td>${checks}</td></tr>`;
    });
    return `<div class="group"><h3>${esc(area)}</h3><table class="grid reqs"><colgroup><col class="c-id"><col class="c-level"><col class="c-status"><col><col class="c-checks"></colgroup><thead><tr><th>ID</th><th>level</th><th>status</th><th>requirement</th><th>checks</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`;
  });
  return `<section id="requirements"><h2>Requirements by area</h2>${groups.join('\n')}</section>`;
}

function attributeSet(report: ComplianceReport): string {
  const a = report.attributes;
  if (!a) return '';
  const list = (xs: readonly string[]): string => xs.map((x) => `<code>${esc(x)}</code>`).join(', ');
  return `<section id="attributes"><h2>Attributes</h2><p>${esc(attributeSource(a))}</p>
<details><summary>The attribute set</summary><p><b>User:</b> ${list(a.user)}</p><p><b>Group:</b> ${list(a.group)}</p></details></section>`;
}

function checksByArea(report: ComplianceReport, anchor: Map<string, string>): string {
  const reqs = new Map(report.requirements.map((r) => [r.id, r]));
  const areas = new Map<string, ReportCheck[]>();
  for (const c of report.checks) areas.set(c.area ?? 'other', [...(areas.get(c.area ?? 'other') ?? []), c]);
  const groups = [...areas].map(([area, checks]) => `<div class="group"><h3>${esc(area)}</h3>${checks.map((c) => check(c, anchor, reqs)).join('\n')}</div>`);
  return `<section id="checks"><h2>Checks</h2>${groups.join('\n')}</section>`;
}

function controls(): string {
  const buttons = ORDER.map((s) => `<button type="button" data-filter="${s}" aria-pressed="false">${esc(STATUS_LABEL[s])}</button>`).join('');
  return `<nav id="controls" hidden><span>Show:</span> ${buttons} <input id="search" type="search" placeholder="Search requirements and checks" aria-label="Search"> <span id="shown"></span></nav>`;
}

const SCRIPT = `(() => {
  const nav = document.getElementById('controls');
  const search = document.getElementById('search');
  const shown = document.getElementById('shown');
  const items = [...document.querySelectorAll('[data-status]')];
  const active = new Set();
  nav.hidden = false;
  function apply() {
    const q = search.value.trim().toLowerCase();
    let n = 0;
    for (const el of items) {
      const visible = (active.size === 0 || active.has(el.dataset.status)) && (!q || el.textContent.toLowerCase().includes(q));
      el.hidden = !visible;
      if (visible) n++;
    }
    for (const g of document.querySelectorAll('.group')) g.hidden = !g.querySelector('[data-status]:not([hidden])');
    shown.textContent = active.size || q ? n + ' of ' + items.length + ' shown' : '';
  }
  for (const b of nav.querySelectorAll('button[data-filter]')) {
    b.addEventListener('click', () => {
      const s = b.dataset.filter;
      if (active.has(s)) active.delete(s); else active.add(s);
      b.setAttribute('aria-pressed', String(active.has(s)));
      apply();
    });
  }
  search.addEventListener('input', apply);
})();`;
const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');

const STYLE = `
:root{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#fafafa}
body{max-width:1100px;margin:0 auto;padding:1rem 1.5rem 4rem}
[hidden]{display:none!important}
[id]{scroll-margin-top:3.5rem}
.reqs{table-layout:fixed} .c-id{width:14rem} .c-level{width:6rem} .c-status{width:9rem} .c-checks{width:14rem}
.reqs td{overflow-wrap:anywhere}
h1{margin:.2rem 0;font-size:1.6rem} h2{margin-top:2.2rem;border-bottom:1px solid #ddd} h3{margin:1.4rem 0 .4rem;text-transform:capitalize}
h4{margin:.2rem 0;font-size:1rem} h5{margin:.6rem 0 .2rem}
.banner{padding:1rem 1.2rem;border-radius:6px;color:#fff}
.banner.v-ready{background:#2e7d32}.banner.v-not-ready{background:#c62828}.banner.v-incomplete{background:#616161}
.banner p{margin:.2rem 0}.banner .meta{opacity:.9;font-size:.9rem;word-break:break-all}
.notices li{background:#fff3e0;border-left:4px solid #e65100;padding:.4rem .6rem;margin:.3rem 0;list-style:none}
.notices ul{padding:0}
.summary{display:flex;gap:2rem;flex-wrap:wrap;align-items:flex-start}
.chart text{font-size:13px;fill:#333}
table{border-collapse:collapse} th,td{padding:.3rem .5rem;text-align:left;vertical-align:top}
.grid{width:100%;background:#fff} .grid th,.grid td{border:1px solid #e0e0e0}
.counts td{text-align:right}
.badge{display:inline-block;padding:0 .45rem;border-radius:3px;color:#fff;font-size:.8rem;font-weight:600;white-space:nowrap}
${ORDER.map((s) => `.s-${s}{background:${COLOR[s]}}`).join('')}
.g-proven{background:#2e7d32}.g-failed{background:#c62828}.g-unproven{background:#9e9e9e}.g-manual{background:#5c6bc0}
td .g-proven,td .g-failed,td .g-unproven,td .g-manual{color:#fff}
tr.g-proven,tr.g-failed,tr.g-unproven,tr.g-manual{background:none}
.check{background:#fff;border:1px solid #e0e0e0;border-left:5px solid #999;border-radius:4px;padding:.6rem .8rem;margin:.6rem 0}
${ORDER.map((s) => `.check[data-status="${s}"]{border-left-color:${COLOR[s]}}`).join('')}
.check .meta,.links,.ms{color:#555;font-size:.85rem}
.check .id{display:block;color:#555;font-size:.8rem;margin-bottom:.2rem}
pre{background:#f4f4f4;padding:.5rem;overflow:auto;white-space:pre-wrap;word-break:break-word;font-size:.82rem;max-height:28rem}
.message{background:#fff5f5}
.ea{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem} .ea dd{margin:0} .ea code{white-space:pre-wrap;word-break:break-word}
.note{font-style:italic}
details.exchange{margin:.3rem 0;border:1px solid #eee;border-radius:3px;padding:.2rem .5rem}
details.exchange summary{cursor:pointer;font-family:ui-monospace,monospace;font-size:.85rem}
#controls{position:sticky;top:0;background:#fafafa;padding:.5rem 0;border-bottom:1px solid #ddd;z-index:1}
#controls button{margin:.1rem;border:1px solid #bbb;background:#fff;border-radius:3px;padding:.1rem .5rem;cursor:pointer}
#controls button[aria-pressed="true"]{background:#1b1b1b;color:#fff}
#search{padding:.2rem .4rem;min-width:16rem}
.legend dt{float:left;clear:left;width:6rem} .legend dd{margin-left:6.5rem}
`;

export function renderHtml(report: ComplianceReport): string {
  const anchor = anchors(report.checks);
  const title = `SCIM compliance: ${verdictTitle(report.verdict, report.profile)} · ${report.target.url}`;
  const notices = report.notices?.length ? `<section class="notices" id="notices"><h2>Notices</h2><ul>${report.notices.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></section>` : '';
  const countLine = ORDER.filter((s) => s in report.summary && report.summary[s as CheckStatus] > 0).map((s) => `${report.summary[s as CheckStatus]} ${STATUS_LABEL[s]}`).join(' · ');
  const legend = LEGEND.map(([s, text]) => `<dt>${badge(s)}</dt><dd>${esc(text)}</dd>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${SCRIPT_HASH}'">
<link rel="icon" href="data:,">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="banner v-${report.verdict}" id="verdict">
<h1>${esc(verdictTitle(report.verdict, report.profile))}</h1>
<p>${esc(verdictSentence(report))}</p>${galleryVerdicts(report)}
<p class="meta">${esc(report.target.url)}${report.target.embedded ? ' (embedded reference app)' : ''} · ${esc(report.tool.name)} ${esc(report.tool.version)} · started ${esc(report.startedAt)} · ${esc(formatMs(report.durationMs))}${report.options?.okta ? ` · ${esc(oktaVariantText(report.options.okta))}` : ''}</p>
<p class="meta" id="count-line">${report.checks.length} checks: ${esc(countLine)}</p>
</header>
${notices}
<section id="summary"><h2>Summary</h2><div class="summary">${chart(report)}${countsTable(report)}</div></section>
${gallery(report)}
${attributeSet(report)}
${controls()}
${requirementsByArea(report, anchor)}
${checksByArea(report, anchor)}
<section id="legend"><h2>Legend</h2><dl class="legend">${legend}</dl></section>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
