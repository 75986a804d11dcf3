import { HarnessError } from '../../core/errors.js';

/** A malformed expression: the message names the 1-based character position (a mapping is bad configuration). */
export class ExpressionError extends HarnessError {
  readonly position: number;
  constructor(message: string, position: number) {
    super('HARNESS_CONFIG', `${message} at position ${position}`);
    this.position = position;
  }
}

/** An expression that parsed but cannot be evaluated for one object (Entra fails that object, not the job). */
export class ExpressionRuntimeError extends Error {
  readonly position: number;
  constructor(message: string, position: number) {
    super(`${message} (expression position ${position})`);
    this.position = position;
    this.name = 'ExpressionRuntimeError';
  }
}
