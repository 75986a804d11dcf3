/** Small builders so the schema files read like the RFC tables instead of repeating eight defaults per line. */
import type { AttributeDef } from './types.js';

type Options = Partial<Omit<AttributeDef, 'name' | 'description'>>;

/** A simple attribute; defaults are the RFC 7643 §2.2 defaults (string, single, optional, readWrite, default). */
export function attr(name: string, description: string, options: Options = {}): AttributeDef {
  return {
    name,
    type: 'string',
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

export function complex(
  name: string,
  description: string,
  subAttributes: readonly AttributeDef[],
  options: Options = {},
): AttributeDef {
  return attr(name, description, { type: 'complex', subAttributes, ...options });
}

/**
 * The RFC 7643 §2.4 pattern shared by emails, phoneNumbers, ims, photos, entitlements, roles and
 * x509Certificates: a multi-valued complex attribute with value, display, type and primary.
 */
export function multiValued(
  name: string,
  description: string,
  value: { description: string; type?: AttributeDef['type']; referenceTypes?: readonly string[] },
  canonicalTypes?: readonly string[],
): AttributeDef {
  return complex(name, description, [
    attr('value', value.description, {
      ...(value.type ? { type: value.type } : {}),
      ...(value.referenceTypes ? { referenceTypes: value.referenceTypes } : {}),
    }),
    attr('display', 'A human-readable name, primarily used for display purposes.'),
    attr('type', "A label indicating the attribute's function.", canonicalTypes ? { canonicalValues: canonicalTypes } : {}),
    attr('primary', "Whether this is the primary or preferred value; 'true' appears at most once.", { type: 'boolean' }),
  ], { multiValued: true });
}
