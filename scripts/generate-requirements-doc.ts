// Writes docs/requirements.md from core/requirements.ts: `npm run generate:docs`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REQUIREMENTS_DOC, requirementsMarkdown } from '../core/requirements-doc.js';

writeFileSync(REQUIREMENTS_DOC, requirementsMarkdown());
console.log(`wrote ${fileURLToPath(REQUIREMENTS_DOC)}`);
