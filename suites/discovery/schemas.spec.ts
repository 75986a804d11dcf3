import { check, expectScim, fail } from '../_harness/index.js';
import { URN } from '../../core/urns.js';
import { validateScim } from '../../core/schemas/index.js';

/** Finds the first null anywhere in a JSON value, as a path. */
function findNull(v: unknown, path = ''): string | undefined {
  if (v === null) return path || '(root)';
  if (Array.isArray(v)) {
    for (const [i, e] of v.entries()) {
      const p = findNull(e, `${path}[${i}]`);
      if (p) return p;
    }
  } else if (v && typeof v === 'object') {
    for (const [k, e] of Object.entries(v)) {
      const p = findNull(e, path ? `${path}.${k}` : k);
      if (p) return p;
    }
  }
  return undefined;
}

const CAMEL = /^[a-z][a-zA-Z]*$/;

check({
  id: 'discovery/schemas',
  title: 'Sends GET /Schemas and reads the User and Group schema definitions',
  requirements: ['DISC-SCHEMAS'],
  counterparts: ['Gallery 15: Schema_Discoverability_Test'],
}, async ({ scim, caps, step }) => {
  const res = await step('GET /Schemas', () => scim.send({ method: 'GET', path: '/Schemas' }));
  const list = expectScim(res).toHaveStatus(200).toBeListResponse();
  const resources = list.resources();
  const ids = resources.map((r) => r.id);
  const wanted = [URN.User, ...(caps.groupsNaReason ? [] : [URN.Group])];
  for (const id of wanted) {
    if (!ids.includes(id)) fail('SCIM_MISSING', `/Schemas does not list ${id}`, { expected: `a resource with id ${id}`, actual: `ids: ${ids.join(', ') || '(none)'}`, res });
  }
  for (const r of resources) {
    const v = validateScim('Schema', r);
    if (!v.valid) fail('SCIM_SCHEMA', `schema ${String(r.id)} is not a valid Schema resource`, { expected: 'RFC 7643 §7 Schema', actual: v.errors.join('; '), res });
  }
  const nullAt = findNull(res.body);
  if (nullAt) fail('SCIM_UNEXPECTED', `/Schemas contains null at ${nullAt}`, { expected: 'absent values omitted, never null', actual: `null at ${nullAt}`, res });
  // S3: enumerated property values are camelCase (readWrite, not ReadWrite or READ_WRITE).
  const bad: string[] = [];
  const walk = (attrs: unknown, at: string): void => {
    if (!Array.isArray(attrs)) return;
    for (const a of attrs as Array<Record<string, unknown>>) {
      for (const key of ['mutability', 'returned', 'uniqueness', 'type'] as const) {
        const v = a[key];
        if (typeof v === 'string' && !CAMEL.test(v)) bad.push(`${at}${String(a.name)}.${key}=${v}`);
      }
      walk(a.subAttributes, `${at}${String(a.name)}.`);
    }
  };
  for (const r of resources) walk(r.attributes, '');
  if (bad.length) fail('SCIM_VALUE', 'schema property values are not camelCase', { expected: 'camelCase values such as readWrite, default, none', actual: bad.slice(0, 5).join(', '), res });
});
