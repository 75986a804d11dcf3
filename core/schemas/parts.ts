/** JSON Schema pieces the message and resource schemas share. */
export const str = { type: 'string' } as const;
export const bool = { type: 'boolean' } as const;

/** A `schemas` member (RFC 7643 §3, RFC 7644 §3.x): a non-empty list of URNs, with the message's own when given. */
export const schemasArray = (mustContain?: string) => ({
  type: 'array',
  items: str,
  minItems: 1,
  ...(mustContain ? { contains: { const: mustContain } } : {}),
});
