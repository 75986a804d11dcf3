/**
 * The job's attribute mappings, one configuration for the console and every `idp` command (§4.1: in Entra the
 * mappings belong to the job): those saved in the state, else Entra's default. The console's Attribute mapping
 * page saves with `saveMappings`; a command's `--mappings FILE` is stored under the same key, in the same form, when the file
 * differs from what the state holds. Other mappings than the last cycle's make the next cycle initial.
 */
import { JobState } from './cycles/state.js';
import type { Db } from './db.js';
import { compileMappings, defaultMappingsInput, DEFAULT_MAPPINGS_FILE, readMappingsFile, type CompiledMappings, type MappingsInput } from './mappings/mappings.js';

const SAVED_KEY = 'savedMappings';
const SAVED_LABEL = 'the mappings saved in the state';

/** Compiled first, so a state never holds mappings that fail to load. */
export function saveMappings(db: Db, input: MappingsInput): CompiledMappings {
  const compiled = compileMappings(input, SAVED_LABEL);
  store(db, input);
  return compiled;
}

/** Mappings already compiled (so known to load) become the job's. */
function store(db: Db, input: MappingsInput): void {
  new JobState(db).set(SAVED_KEY, JSON.stringify(input));
}

export function savedMappings(db: Db): MappingsInput | undefined {
  const text = new JobState(db).get(SAVED_KEY);
  return text === undefined ? undefined : (JSON.parse(text) as MappingsInput);
}

export interface JobMappings {
  input: MappingsInput;
  compiled: CompiledMappings;
  source: 'state' | 'default';
}

/** The mappings a job on this state runs with when no file is given: the saved ones, else Entra's default. */
export function jobMappings(db: Db): JobMappings {
  const saved = savedMappings(db);
  if (saved) return { input: saved, compiled: compileMappings(saved, SAVED_LABEL), source: 'state' };
  const input = defaultMappingsInput();
  return { input, compiled: compileMappings(input, DEFAULT_MAPPINGS_FILE), source: 'default' };
}

/**
 * `--mappings FILE` on this state: the file becomes the job's mappings. It is saved (as the page saves) only when
 * it differs from what the state holds, so running a command again with the same file changes nothing; `saved`
 * says whether it did. The file is read and compiled (checked) once, before anything is saved.
 */
export function adoptMappingsFile(db: Db, file: string): { compiled: CompiledMappings; saved: boolean } {
  const { input, compiled } = readMappingsFile(file);
  // Compared as the state stores it (JSON.stringify of the parsed file): layout and whitespace do not count.
  const saved = new JobState(db).get(SAVED_KEY) !== JSON.stringify(input);
  if (saved) store(db, input);
  return { compiled, saved };
}
