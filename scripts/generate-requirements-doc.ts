// Writes docs/requirements.md from core/requirements.ts: `npm run generate:docs`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { requirementsMarkdown } from '../core/requirements-doc.js';

const REQUIREMENTS_DOC = new URL('../docs/requirements.md', import.meta.url);

writeFileSync(REQUIREMENTS_DOC, requirementsMarkdown());
console.log(`wrote ${fileURLToPath(REQUIREMENTS_DOC)}`);
