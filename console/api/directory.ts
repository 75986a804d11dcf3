/**
 * Directory: users and groups one page at a time with their assignment and link, a change to one of them
 * (rename, block sign-in, assign or unassign) so the next cycle has something to do, and importing a directory
 * file (JSON or CSV), as `idp import` does.
 */
import type { FastifyInstance } from 'fastify';
import { directoryPage, editDirectory, groupMembers, importDirectory, MAX_PAGE, readCsvDirectory, readJsonDirectory, type DirectoryEdit } from '../../mock-idp/index.js';
import { ConsoleError } from '../errors.js';
import type { ConsoleSession } from '../session.js';
import { fieldsOf, oneOf, optionalBoolean, optionalString, requiredString, wholeNumber } from './input.js';

/** A 100 000-user directory is about 40 MB of JSON. */
export const IMPORT_LIMIT_BYTES = 200 * 1024 * 1024;

export function directoryRoutes(app: FastifyInstance, session: ConsoleSession): void {
  app.get('/api/directory', async (req) => {
    const q = fieldsOf(req.query, 'query');
    const type = oneOf(q, 'type', ['user', 'group'] as const) ?? 'user';
    const search = optionalString(q, 'search');
    return directoryPage(session.db, { type, ...(search ? { search } : {}), offset: wholeNumber(q, 'offset', 0), limit: wholeNumber(q, 'limit', 50, MAX_PAGE) || 1 });
  });
  app.get('/api/directory/members', async (req) => {
    const q = fieldsOf(req.query, 'query');
    return groupMembers(session.db, requiredString(q, 'group', 'the group id'), wholeNumber(q, 'limit', MAX_PAGE, MAX_PAGE) || 1);
  });
  app.post('/api/directory/edit', async (req) => {
    const f = fieldsOf(req.body, 'edit');
    const type = oneOf(f, 'type', ['user', 'group'] as const);
    if (!type) throw new ConsoleError('CONSOLE_BAD_INPUT', 'type is required: user or group');
    const id = requiredString(f, 'id', 'the object id');
    const displayName = optionalString(f, 'displayName');
    const accountEnabled = optionalBoolean(f, 'accountEnabled');
    const assigned = optionalBoolean(f, 'assigned');
    let edit: DirectoryEdit;
    if (displayName !== undefined) edit = { type, id, displayName };
    else if (accountEnabled !== undefined && type === 'user') edit = { type, id, accountEnabled };
    else if (assigned !== undefined) edit = { type, id, assigned };
    else throw new ConsoleError('CONSOLE_BAD_INPUT', 'say what to change: displayName, accountEnabled (users) or assigned');
    session.assertIdle('change the directory');
    editDirectory(session.db, edit);
    return { changed: true };
  });
  app.post('/api/directory/import', { bodyLimit: IMPORT_LIMIT_BYTES }, async (req) => {
    const f = fieldsOf(req.body, 'import');
    const format = oneOf(f, 'format', ['json', 'csv'] as const) ?? 'json';
    const name = optionalString(f, 'name') ?? `directory.${format}`;
    const text = requiredString(f, 'text', 'the directory file');
    session.assertIdle('import a directory');
    const input = format === 'csv' ? readCsvDirectory(name, text) : readJsonDirectory(name, text);
    return importDirectory(session.db, input);
  });
}
