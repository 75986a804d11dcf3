#!/usr/bin/env node
// Entry point: registers tsx so the TypeScript sources run as they are, then hands over to the yargs CLI.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
