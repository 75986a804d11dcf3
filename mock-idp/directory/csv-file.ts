/**
 * Reads a CSV directory: one user per row, Graph property names as headers. Special columns: `groups`
 * (group displayNames separated by `;`, groups are created with ids derived from the name), `assigned`
 * (true/false; without the column every user and group is in scope), `businessPhones` (`;`-separated).
 * Errors name the row, the column and the line (RFC 4180 quoting, newlines inside quotes counted).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HarnessError } from '../../core/errors.js';
import { toBoolean } from '../../core/filter/index.js';
import { USER_BOOLEAN_PROPS, USER_LIST_PROPS, type DirectoryGroup, type DirectoryInput, type DirectoryUser } from './types.js';
import { DirectoryImportError, validateDirectory, type Issue } from './validate.js';

interface Row {
  cells: string[];
  line: number;
  /** 1-based column (character) where each cell starts. */
  cols: number[];
}

export function parseCsv(text: string, file: string): Row[] {
  const rows: Row[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;
  while (i < text.length) {
    const row: Row = { cells: [], line, cols: [] };
    for (;;) {
      row.cols.push(i - lineStart + 1);
      let cell = '';
      if (text[i] === '"') {
        const quoteLine = line;
        const quoteCol = i - lineStart + 1;
        i++;
        for (;;) {
          if (i >= text.length) throw new HarnessError('HARNESS_CONFIG', `${file}: line ${quoteLine}, column ${quoteCol}: unterminated quoted field; nothing imported`);
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (text[i] === '\n') {
            line++;
            lineStart = i + 1;
          }
          cell += text[i++];
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      }
      row.cells.push(cell);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      lineStart = i;
      break;
    }
    if (!(row.cells.length === 1 && row.cells[0] === '')) rows.push(row);
  }
  return rows;
}

/** Deterministic GUID-shaped id for a group known only by name. */
export function groupIdFor(name: string): string {
  const h = createHash('sha1').update(`group:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function readCsvDirectory(file: string, text = readFileSync(file, 'utf8')): DirectoryInput {
  const rows = parseCsv(text, file);
  const header = rows.shift();
  if (!header) throw new HarnessError('HARNESS_CONFIG', `${file}: empty CSV, expected a header row; nothing imported`);
  const names = header.cells.map((c) => c.trim());
  const issues: Issue[] = [];
  // Row of each user, so a validation issue on users[n].field can name its row, line and column.
  const rowOf: Array<{ row: Row; n: number }> = [];
  const at = (r: Row, n: number, col: number, name: string): string => `row ${n} (line ${r.line}, column ${r.cols[col] ?? 1}, field ${name})`;
  for (const need of ['id', 'userPrincipalName']) {
    if (!names.includes(need)) issues.push({ path: [], message: `missing required column ${JSON.stringify(need)}`, location: 'line 1' });
  }
  const hasAssigned = names.includes('assigned');
  const users: DirectoryUser[] = [];
  const groups = new Map<string, DirectoryGroup>();
  const assignments: DirectoryInput['assignments'] = [];
  for (const [k, r] of rows.entries()) {
    const n = k + 1;
    if (r.cells.length !== names.length) {
      issues.push({ path: ['users', users.length], message: `expected ${names.length} fields, found ${r.cells.length}`, location: `row ${n} (line ${r.line})` });
      continue;
    }
    const u: Record<string, unknown> = {};
    const idx = users.length;
    rowOf.push({ row: r, n });
    r.cells.forEach((raw, c) => {
      const name = names[c] as string;
      const v = raw.trim();
      if (v === '') return;
      if (name === 'groups') {
        for (const g of v.split(';').map((s) => s.trim()).filter(Boolean)) {
          const group = groups.get(g) ?? { id: groupIdFor(g), displayName: g, members: [] };
          group.members?.push(String(r.cells[names.indexOf('id')] ?? '').trim());
          groups.set(g, group);
        }
      } else if (name === 'assigned') {
        const assigned = toBoolean(v);
        if (assigned === undefined) issues.push({ path: ['users', idx, name], message: `expected true or false, got ${JSON.stringify(v)}`, location: at(r, n, c, name) });
        else if (assigned) assignments.push({ principalId: String(r.cells[names.indexOf('id')] ?? '').trim(), principalType: 'User' });
      } else if ((USER_BOOLEAN_PROPS as readonly string[]).includes(name)) {
        u[name] = toBoolean(v) ?? v; // not a boolean: left for the validator, which names the row and field
      } else if ((USER_LIST_PROPS as readonly string[]).includes(name)) {
        u[name] = v.split(';').map((s) => s.trim()).filter(Boolean);
      } else {
        u[name] = v;
      }
    });
    users.push(u as DirectoryUser);
  }
  const input: DirectoryInput = { users, groups: [...groups.values()], ...(hasAssigned ? { assignments } : {}) };
  if (issues.length === 0) issues.push(...validateDirectory(input));
  if (issues.length) {
    for (const i of issues) {
      if (i.location) continue;
      const [kind, n, field] = i.path;
      const src = kind === 'users' && typeof n === 'number' ? rowOf[n] : undefined;
      if (src) i.location = at(src.row, src.n, Math.max(names.indexOf(String(field)), 0), String(field ?? names[0]));
    }
    throw new DirectoryImportError(file, issues);
  }
  return input;
}
