// Writes core/schemas/validators.generated.cjs from core/schemas/definitions.ts: `npm run generate:validators`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GENERATED_FILE, standaloneSource } from '../core/schemas/standalone.js';

writeFileSync(GENERATED_FILE, standaloneSource());
console.log(`wrote ${fileURLToPath(GENERATED_FILE)}`);
