/** The seeded directory generator, loaded on first use: it brings faker (~35 MB), which nothing else needs. */
import type { generate } from './generate.js';

export async function loadDirectoryGenerator(): Promise<typeof generate> {
  return (await import('./generate.js')).generate;
}
