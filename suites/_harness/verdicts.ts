/** Outcomes a check can declare besides pass/fail: the harness turns these into n/a, info and blocked records. */

export class NotApplicable extends Error {
  constructor(readonly reason: string) {
    super(`n/a: ${reason}`);
    this.name = 'NotApplicable';
  }
}

export class Blocked extends Error {
  /** @param code the TargetError code when a set-up request errored rather than was refused */
  constructor(readonly blockedBy: string, readonly detail: string, readonly code?: string) {
    super(`blocked by ${blockedBy}: ${detail}`);
    this.name = 'Blocked';
  }
}

/** Ends the check as n/a with the reason (a COND requirement that does not apply, a capability not advertised). */
export function na(reason: string): never {
  throw new NotApplicable(reason);
}

/** Ends the check as blocked: a prerequisite (another check's subject) failed, so this one cannot be judged. */
export function blocked(blockedBy: string, detail: string, code?: string): never {
  throw new Blocked(blockedBy, detail, code);
}
