/**
 * docs/requirements.md written from the catalogue, so the public list of requirement IDs can never drift from the
 * IDs the checks cite. `npm run generate:docs` writes it; a self-test fails when the committed file is stale.
 */
import { REPLAY_REQUIREMENTS, REQUIREMENTS, rfcLink, type Area, type Requirement, type Source } from './requirements.js';

const SECTIONS = ['Discovery, transport, auth, errors', 'Users', 'Groups', 'Lists and resource format', 'Provisioning lifecycle', 'Replay of recorded traffic'] as const;
type Section = (typeof SECTIONS)[number];

/** Every area in exactly one section (the record type makes a new area a compile error until it is placed). */
const SECTION_OF: Record<Area, Section> = {
  discovery: 'Discovery, transport, auth, errors',
  auth: 'Discovery, transport, auth, errors',
  transport: 'Discovery, transport, auth, errors',
  connection: 'Discovery, transport, auth, errors',
  errors: 'Discovery, transport, auth, errors',
  rate: 'Discovery, transport, auth, errors',
  users: 'Users',
  filter: 'Users',
  patch: 'Users',
  deactivation: 'Users',
  groups: 'Groups',
  format: 'Lists and resource format',
  pagination: 'Lists and resource format',
  lifecycle: 'Provisioning lifecycle',
  replay: 'Replay of recorded traffic',
};

const SECTION_NOTE: Partial<Record<Section, string>> = {
  'Provisioning lifecycle': 'Judged after the Entra emulator (`scim-conform idp`) has run whole provisioning cycles against the endpoint.',
  'Replay of recorded traffic': 'Judged only by `scim-conform replay` ([replay.md](replay.md)), against a recording instead of Entra; a replay report holds these and nothing else, and `run` never reports them.',
};

const INTRO = `# Requirement catalogue

<!-- Generated from core/requirements.ts by \`npm run generate:docs\`. Do not edit: change the catalogue and regenerate. -->

Every requirement scim-conform reports on, with its level, its source and what to change when it fails. Checks cite
these IDs; the reports (\`compliance.json\`, HTML, Markdown, JUnit) name them.

**The IDs are a public contract.** Users put them in CI (\`--only\`, \`--skip\`, waivers, baselines), so an ID is never
renamed or removed and never changes its level; new IDs may be added. A self-test holds the catalogue to the IDs and
levels published so far (\`tests/catalogue/public-ids.json\`).

Levels:
- **MUST** — a failure or error makes the endpoint not gallery-ready (the run exits 1);
- **SHOULD** — a failure is a warning and never fails the run;
- **COND** — a MUST when the feature is configured or advertised; otherwise *n/a*, with the reason.

Sources: the RFC 7643/7644 section and the Microsoft document behind each requirement. What Entra actually sends and
expects, with the evidence, is in [entra-behaviour.md](entra-behaviour.md) (§1 requirements, §2 request shapes, §3 the
PATCH dialects, §5 the Microsoft SCIM Validator and the 2026 gallery validation suite).
`;

/** Markdown-escapes what could start markup in our prose (`*`, `<`, `|`, a word-initial or word-final `_`, `\`). */
function text(s: string): string {
  return s.replace(/[\\*<|]/g, '\\$&').replace(/(?<!\w)_|_(?!\w)/g, '\\_');
}

function sourceLine(source: Source): string {
  const parts: string[] = [];
  if (source.rfc) {
    const link = rfcLink(source.rfc);
    parts.push(link ? `[${source.rfc}](${link})` : source.rfc);
  }
  if (source.doc) parts.push(`[${source.doc.replace(/\/$/, '').split('/').pop() ?? source.doc}](${source.doc})`);
  return parts.join(' · ');
}

function entry(r: Requirement): string {
  const lines = [`### ${r.id}`, '', `**${r.level}** · area \`${r.area}\``, '', text(r.statement), ''];
  if (r.condition) lines.push(`- **Applies:** ${text(r.condition)}`);
  lines.push(`- **Source:** ${sourceLine(r.source)}`, `- **Fix:** ${text(r.hint)}`, '');
  return lines.join('\n');
}

function index(grouped: readonly (readonly [Section, readonly Requirement[]])[]): string {
  const rows = grouped.flatMap(([section, members]) => members.map((r) => `| [${r.id}](#${r.id.toLowerCase()}) | ${r.level} | ${section} |`));
  return ['| ID | level | section |', '| --- | --- | --- |', ...rows, ''].join('\n');
}

/** The whole of docs/requirements.md: intro, an index of every ID, then one section per group of areas, each in catalogue order. */
export function requirementsMarkdown(requirements: readonly Requirement[] = [...REQUIREMENTS, ...REPLAY_REQUIREMENTS]): string {
  const grouped = SECTIONS.map((section) => [section, requirements.filter((r) => SECTION_OF[r.area] === section)] as const)
    .filter(([, members]) => members.length > 0);
  const parts = [INTRO, `${requirements.length} requirements:`, '', index(grouped)];
  for (const [section, members] of grouped) {
    parts.push(`## ${section}`, '');
    const note = SECTION_NOTE[section];
    if (note) parts.push(note, '');
    parts.push(...members.map(entry));
  }
  return `${parts.join('\n').trimEnd()}\n`;
}
