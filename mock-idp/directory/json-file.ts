/**
 * Reads a JSON directory file. JSON.parse does the work; only when something is wrong do we walk the text to
 * turn a JSON path (users[12].accountEnabled) into `line:column`, so the happy path costs nothing extra.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { HarnessError } from '../../core/errors.js';
import { assertDirectory, type PathSegment } from './validate.js';
import type { DirectoryInput } from './types.js';

export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastNl = i;
    }
  }
  return `line ${line}, column ${offset - lastNl}`;
}

/** Offset of the value at `path` (or of the deepest ancestor that exists). */
export function locateJsonPath(text: string, path: readonly PathSegment[]): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const skipString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return void skipString();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          skipString();
          ws();
          i++; // ':'
        }
        skipValue();
        ws();
        if (text[i++] !== ',') return;
      }
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i] as string)) i++;
  };
  ws();
  let found = i;
  for (const seg of path) {
    ws();
    const c = text[i];
    i++;
    let hit = false;
    if (c === '{' && typeof seg === 'string') {
      for (;;) {
        ws();
        if (text[i] !== '"') break;
        const key = skipString();
        ws();
        i++; // ':'
        ws();
        if (key === seg) {
          hit = true;
          break;
        }
        skipValue();
        ws();
        if (text[i++] !== ',') break;
      }
    } else if (c === '[' && typeof seg === 'number') {
      for (let n = 0; ; n++) {
        ws();
        if (text[i] === ']') break;
        if (n === seg) {
          hit = true;
          break;
        }
        skipValue();
        ws();
        if (text[i++] !== ',') break;
      }
    }
    if (!hit) break;
    found = i;
  }
  return found;
}

export function readJsonDirectory(file: string, text = readFileSync(file, 'utf8')): DirectoryInput {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const where = m ? ` at ${lineColumn(text, Number(m[1]))}` : '';
    throw new HarnessError('HARNESS_CONFIG', `${file}: not valid JSON${where}: ${(err as Error).message}; nothing imported`);
  }
  assertDirectory(input, file, (path) => lineColumn(text, locateJsonPath(text, path)));
  return input;
}

/** Writes a directory file in chunks (a 100 000-user directory never becomes one giant string). */
export function writeJsonDirectory(file: string, input: DirectoryInput): void {
  const fd = openSync(file, 'w');
  try {
    const list = (key: string, items: readonly unknown[], last: boolean): void => {
      writeSync(fd, `  ${JSON.stringify(key)}: [`);
      for (let i = 0; i < items.length; i += 1000) {
        const chunk = items.slice(i, i + 1000).map((x) => `\n    ${JSON.stringify(x)}`).join(',');
        writeSync(fd, `${i > 0 ? ',' : ''}${chunk}`);
      }
      writeSync(fd, `${items.length ? '\n  ' : ''}]${last ? '' : ','}\n`);
    };
    writeSync(fd, '{\n');
    const hasAssignments = input.assignments !== undefined;
    list('users', input.users, false);
    list('groups', input.groups ?? [], !hasAssignments);
    if (hasAssignments) list('assignments', input.assignments ?? [], true);
    writeSync(fd, '}\n');
  } finally {
    closeSync(fd);
  }
}
