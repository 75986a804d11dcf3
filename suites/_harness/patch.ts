/**
 * Steps every PATCH check shares (suites/patch, suites/deactivation): send a PATCH and accept 200 (with or without
 * a body) or 204, read the user back, compare values at Entra's target paths — value-filter paths included — and
 * recognise a cleared attribute. Plus the requirements a PATCH check proves only because of its dialect.
 */
import type { ScimRequest } from '../../core/client/request.js';
import { isFilteredPath, readPath } from '../../core/filter/index.js';
import type { ScimResponse } from '../../core/client/scim-client.js';
import type { Dialect } from '../../core/run-config.js';
import type { AttributeChange, ChangeKind } from '../../mock-idp/request-shapes.js';
import type { CheckContext } from './check.js';
import { describeResponse, expectScim, expectValue, fail } from './matchers.js';
import { blocked } from './verdicts.js';
import { CHECK } from './check-ids.js';
import { send } from './wire.js';

type PatchContext = Pick<CheckContext, 'scim' | 'entra' | 'step'>;

/** A user as read back after a PATCH, with the response that showed it (for the exchange number). */
export interface ReadBack {
  res: ScimResponse;
  user: Record<string, unknown>;
}

/** Sends one PATCH; 200 (with or without a body) and 204 both succeed (docs/entra-behaviour.md §1.2 G3). */
export async function sendPatch(ctx: PatchContext, req: ScimRequest, requirement?: string): Promise<ScimResponse> {
  const res = await send(ctx, req);
  expectScim(res, requirement).toHaveStatus(200, 204);
  return res;
}

/** GET /Users/{id} as Entra sends it; the user must still be there (200 with a JSON object). */
export async function readUser(ctx: PatchContext, id: string, requirement?: string): Promise<ReadBack> {
  const res = await send(ctx, ctx.entra.getUser(id));
  const user = expectScim(res, requirement).toHaveStatus(200).json();
  return { res, user };
}

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

/**
 * expectValue for any Entra target path. A value filter (`emails[type eq "work"].value`, `roles[primary eq "True"]`)
 * selects the element the way SCIM compares: case-insensitive strings, and a boolean equal to its "true"/"false".
 */
export function expectAt(back: ReadBack, path: string, expected: unknown, requirement?: string): void {
  if (!isFilteredPath(path)) {
    expectValue(back.res, back.user, path, expected, requirement);
    return;
  }
  const actual = readPath(back.user, path);
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    if (reformattedPhone(path, expected, actual)) {
      blocked(CHECK.valuesVerbatim, `${path} was applied but comes back reformatted: sent ${show(expected)}, read ${show(actual)}`);
    }
    fail('SCIM_VALUE', `the value of ${path} is ${actual === undefined ? 'missing' : show(actual)}`, {
      expected: `${path} = ${show(expected)}`,
      actual: `${path} = ${show(actual)}`,
      res: back.res,
      ...(requirement ? { requirement } : {}),
    });
  }
}

/**
 * The same phone number in another format ("+1 (425) 555-0100" for "425 555 0100"): the PATCH was applied, and
 * the reformatting is USER-VALUES-VERBATIM's failure, not this check's.
 */
function reformattedPhone(path: string, expected: unknown, actual: unknown): boolean {
  if (!/^phoneNumbers\b/i.test(path) || typeof expected !== 'string' || typeof actual !== 'string') return false;
  const [sent, got] = [expected.replace(/\D/g, ''), actual.replace(/\D/g, '')];
  return sent.length >= 7 && got.length >= 7 && (sent.endsWith(got) || got.endsWith(sent));
}

/** expectAt for every path → value of `wanted`. */
export function expectAll(back: ReadBack, wanted: Record<string, unknown>, requirement?: string): void {
  for (const [path, value] of Object.entries(wanted)) expectAt(back, path, value, requirement);
}

/** One change of `kind` per path → value, in order: the input of the request builder's updateUser. */
export function changesOf(kind: ChangeKind, values: Record<string, unknown>): AttributeChange[] {
  return Object.entries(values).map(([path, value]) => ({ kind, path, value }));
}

/**
 * Entra's PATCH of `kind` for every path → value of `wanted` (updateUser in the check's dialect), then the user read
 * back holding each value: the stimulus and verdict of most PATCH checks.
 */
export async function patchAndReadBack(ctx: PatchContext, userId: string, kind: ChangeKind, wanted: Record<string, unknown>): Promise<ReadBack> {
  await sendPatch(ctx, ctx.entra.updateUser(userId, changesOf(kind, wanted)));
  const back = await readUser(ctx, userId);
  expectAll(back, wanted);
  return back;
}

/**
 * Asserts an attribute is cleared: absent, null or an empty array (RFC 7643 §2.5 treats them alike); with
 * `emptyString`, "" counts as cleared too (gallery test 16, and the validator's manager `{"value":""}`).
 */
export function expectCleared(back: ReadBack, path: string, opts: { emptyString?: boolean; requirement?: string } = {}): void {
  const actual = readPath(back.user, path);
  const cleared = actual === undefined || actual === null || (Array.isArray(actual) && actual.length === 0) || (opts.emptyString === true && actual === '');
  if (!cleared) {
    fail('SCIM_UNEXPECTED', `${path} is still ${show(actual)}`, {
      expected: `${path} absent, or null${opts.emptyString ? ', or ""' : ''}`,
      actual: `${path} = ${show(actual)}`,
      res: back.res,
      ...(opts.requirement ? { requirement: opts.requirement } : {}),
    });
  }
}

/** What a control expects to read back: `path` holding `value`, or cleared when `value` is undefined. */
export interface ControlExpectation {
  path: string;
  value?: unknown;
  /** The check that proves this change on its own: blocks the quirk check when the control does not apply it. */
  blocker: string;
}

const isCleared = (v: unknown): boolean => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * One variable per check: a quirk's stimulus differs from a known-good control in the quirk only, and the control
 * runs first, on a user of its own. When the endpoint refuses the control or does not apply it, the quirk cannot be
 * judged: the check is blocked by the check proving the control's operation, with the control's answer as the
 * cause — never failed for a requirement it did not get to test.
 */
export async function controlPatch(ctx: PatchContext, req: ScimRequest, userId: string, expect: readonly ControlExpectation[]): Promise<void> {
  const first = expect[0]?.blocker ?? CHECK.patchReplace;
  const res = await send(ctx, { ...req, step: `control: ${req.step ?? 'PATCH'}` });
  if (res.status !== 200 && res.status !== 204) blocked(first, `the control request (${req.step ?? 'PATCH'}) answered ${describeResponse(res)}`);
  const back = await send(ctx, { ...ctx.entra.getUser(userId), step: 'control: GET /Users/{id}' });
  if (back.status !== 200 || typeof back.body !== 'object' || back.body === null) blocked(first, `after the control request, GET answered ${describeResponse(back)}`);
  const user = back.body as Record<string, unknown>;
  for (const e of expect) {
    const now = readPath(user, e.path);
    const applied = e.value === undefined ? isCleared(now) : JSON.stringify(now) === JSON.stringify(e.value);
    if (!applied) blocked(e.blocker, `the control request did not apply ${e.path}: expected ${e.value === undefined ? 'it cleared' : show(e.value)}, read ${show(now)}`);
  }
}

/**
 * Entra's flagged dialect folds every simple replace into one path-less replace with dotted and URN keys
 * (docs/entra-behaviour.md §3.3.3), so there a check that replaces simple attributes also proves USER-PATCH-NO-PATH.
 */
export function foldedReplaces(dialect: Dialect): string[] {
  return dialect === 'aadOptscim062020' ? ['USER-PATCH-NO-PATH'] : [];
}

/** Entra's default dialect sends `active` as "True"/"False" (docs/entra-behaviour.md §3.3.1): there it proves PATCH-STRING-BOOLEANS. */
export function stringActive(dialect: Dialect): string[] {
  return dialect === 'default' ? ['PATCH-STRING-BOOLEANS'] : [];
}

/**
 * A PATCH /Users/{id} carrying a body the Microsoft SCIM Validator sends and Entra never does (docs/entra-behaviour.md §5.3);
 * the spec holds the body as a named constant so it stays byte for byte the captured one.
 */
export function validatorPatch(id: string, body: unknown, step: string): ScimRequest {
  return { method: 'PATCH', path: `/Users/${encodeURIComponent(id)}`, body, step: `PATCH /Users/{id} ${step}` };
}
