/**
 * The attribute set of a run, decided once: the vendor's mapping file when given, else what GET /Schemas (with
 * /ResourceTypes) declares, else Entra's default mapping — the requests are sent outside any check's evidence;
 * DISC-SCHEMAS judges /Schemas on its own request.
 */
import type { ScimClient } from '../client/scim-client.js';
import { ENTRA_DEFAULT_GROUP_TARGETS, ENTRA_DEFAULT_USER_TARGETS } from '../entra-default-mapping.js';
import { TargetError } from '../errors.js';
import { AttributeSet } from './attribute-set.js';
import { attributesFromSchemas } from './from-schemas.js';
import { readAttributeMapping } from './mapping-file.js';

/** Entra's default mapping (plus `primary` of the work email, which Entra's create always sends). */
export function defaultMappingSet(note: string): AttributeSet {
  return AttributeSet.fromPaths('default-mapping', {
    user: [...ENTRA_DEFAULT_USER_TARGETS, 'emails[type eq "work"].primary'],
    group: [...ENTRA_DEFAULT_GROUP_TARGETS],
  }, note);
}

export async function discoverAttributes(client: ScimClient, opts: { attributesFile?: string | undefined } = {}): Promise<AttributeSet> {
  if (opts.attributesFile) return readAttributeMapping(opts.attributesFile);
  try {
    const schemas = await client.send({ method: 'GET', path: '/Schemas', step: 'discovery: GET /Schemas' });
    if (schemas.status !== 200) return defaultMappingSet(`GET /Schemas answered ${schemas.status}`);
    const types = await client.send({ method: 'GET', path: '/ResourceTypes', step: 'discovery: GET /ResourceTypes' });
    const reading = attributesFromSchemas(schemas.body, types.status === 200 ? types.body : undefined);
    return 'set' in reading ? reading.set : defaultMappingSet(reading.problem);
  } catch (err) {
    if (err instanceof TargetError) return defaultMappingSet(`GET /Schemas failed: ${err.message}`);
    throw err;
  }
}
