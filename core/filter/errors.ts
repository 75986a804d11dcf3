/**
 * The only exception parseFilter and parsePath throw. `kind` tells which grammar failed so a server can answer
 * scimType `invalidFilter` or `invalidPath`; `position` is the 0-based offset of the offending character.
 */
export class FilterSyntaxError extends Error {
  readonly code = 'FILTER_SYNTAX' as const;
  readonly kind: 'filter' | 'path';
  readonly position: number;
  constructor(kind: 'filter' | 'path', position: number, problem: string) {
    super(`Invalid ${kind} at position ${position}: ${problem}`);
    this.name = 'FilterSyntaxError';
    this.kind = kind;
    this.position = position;
  }
}
