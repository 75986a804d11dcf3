/** docs/requirements.md is the catalogue written out by `npm run generate:docs`; it must never fall behind it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { REQUIREMENTS, type Requirement } from '../../core/requirements.js';
import { requirementsMarkdown } from '../../core/requirements-doc.js';

const REQUIREMENTS_DOC = new URL('../../docs/requirements.md', import.meta.url);

test('docs/requirements.md is what `npm run generate:docs` writes from core/requirements.ts', () => {
  assert.equal(
    readFileSync(REQUIREMENTS_DOC, 'utf8'),
    requirementsMarkdown(),
    'docs/requirements.md is stale: run `npm run generate:docs` and commit it',
  );
});

test('every requirement has its own section with level, source and fix hint', () => {
  const doc = requirementsMarkdown();
  for (const r of REQUIREMENTS) {
    const section = doc.split(/^### /m).find((s) => s.startsWith(`${r.id}\n`));
    assert.ok(section, `a "### ${r.id}" section`);
    assert.ok(section.includes(`**${r.level}**`), `${r.id} states its level ${r.level}`);
    assert.match(section, /^- \*\*Source:\*\* \S/m, `${r.id} names its source`);
    assert.match(section, /^- \*\*Fix:\*\* \S/m, `${r.id} gives its fix hint`);
    if (r.condition) assert.match(section, /^- \*\*Applies:\*\* \S/m, `${r.id} (COND) says when it applies`);
  }
});

test('catalogue text that looks like Markdown is escaped, links point at the RFC section', () => {
  const r: Requirement = {
    id: 'X-TEST', level: 'SHOULD', area: 'format',
    statement: 'The endpoint answers a | b with *all* of <them> and _this_, keeping access_token.',
    source: { rfc: 'RFC 7644 §3.12' }, hint: 'Nothing.',
  };
  const doc = requirementsMarkdown([r]);
  assert.ok(doc.includes('a \\| b with \\*all\\* of \\<them> and \\_this\\_, keeping access_token.'), 'pipes, stars, angle brackets and edge underscores are escaped; inner underscores are not');
  assert.ok(doc.includes('[RFC 7644 §3.12](https://www.rfc-editor.org/rfc/rfc7644#section-3.12)'), 'the RFC source links to its section');
});
