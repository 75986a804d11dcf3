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
    // An object's members are found by key, an array's by position; the walk past a member is the same.
    if ((c === '{' && typeof seg === 'string') || (c === '[' && typeof seg === 'number')) {
      for (let n = 0; ; n++) {
        ws();
        let key: string | number = n;
        if (c === '{') {
          if (text[i] !== '"') break;
          key = skipString();
          ws();
          i++; // ':'
          ws();
        } else if (text[i] === ']') break;
        if (key === seg) {
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

/**
 * Offset of the first JSON syntax error (Node 20's JSON.parse messages often carry no position).
 * A strict recursive-descent check, used only after JSON.parse has failed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const string = (): void => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (text[i] !== '"') fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        ws();
        if (c === '{') {
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] !== close) fail();
        i++;
        return;
      }
    }
    if (c === '"') return string();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += (m as RegExpExecArray)[0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (at) {
    if (typeof at === 'number') return at;
    throw at;
  }
  return text.length;
}

/** Parses JSON; a syntax error becomes a HarnessError naming the line and column. */
export function parseJsonFile(file: string, text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = (err as Error).message.split('\n')[0];
    throw new HarnessError('HARNESS_CONFIG', `${file}: not valid JSON at ${lineColumn(text, jsonErrorOffset(text))}: ${detail}; ${what}`);
  }
}

export function readJsonDirectory(file: string, text = readFileSync(file, 'utf8')): DirectoryInput {
  const input = parseJsonFile(file, text, 'nothing imported');
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
