/**
 * Attribute mappings and scoping: the mappings in force as data for the editor, saving them (into the state;
 * other mappings make the next cycle initial, as in Entra) and the expression preview on a chosen user.
 */
import type { FastifyInstance } from 'fastify';
import { previewAttribute, SCOPING_OPERATORS, type AttributeMappingInput, type MappingsInput } from '../../mock-idp/index.js';
import type { ConsoleSession } from '../session.js';
import { fieldsOf, requiredString } from './input.js';

export function mappingRoutes(app: FastifyInstance, session: ConsoleSession): void {
  app.get('/api/mappings', async () => {
    const m = session.mappings();
    return { input: m.input, source: m.source, hash: m.compiled.hash, operators: SCOPING_OPERATORS };
  });
  app.put('/api/mappings', async (req) => {
    const f = fieldsOf(req.body, 'mappings');
    // compileMappings checks every field and names the one that is wrong; nothing is saved before it passes.
    const compiled = session.saveMappings(fieldsOf(f.input, 'input') as unknown as MappingsInput);
    return { saved: true, hash: compiled.hash };
  });
  app.post('/api/mappings/preview', async (req) => {
    const f = fieldsOf(req.body, 'preview');
    const attribute = fieldsOf(f.attribute, 'attribute') as unknown as AttributeMappingInput;
    return previewAttribute(session.db, session.mappings().compiled, attribute, requiredString(f, 'userId', 'a user to preview on'));
  });
}
