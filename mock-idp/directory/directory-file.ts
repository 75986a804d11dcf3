/** Reading a directory file by its name: CSV (one row per user) or JSON ({users, groups?, assignments?}). */
import { readCsvDirectory } from './csv-file.js';
import { readJsonDirectory } from './json-file.js';
import type { DirectoryInput } from './types.js';

export function readDirectoryFile(file: string): DirectoryInput {
  return /\.csv$/i.test(file) ? readCsvDirectory(file) : readJsonDirectory(file);
}
