/**
 * Where a check is declared. Playwright records the location of its own `test()` call, which is inside check(); the
 * spec file and line a reader wants come from the stack of check()'s caller (mapped to the TypeScript source by
 * Playwright's source maps when it runs the .ts files).
 */
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SpecLocation {
  /** Relative to suites/, with forward slashes: `users/create-user.spec.ts`. */
  file: string;
  line: number;
  /** The spec's folder under suites/, which is its checks' area. */
  area: string;
}

const SUITES_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `at fn (file:///…/x.spec.ts:12:3)` or `at file:///…/x.spec.ts:12:3` or the same with a plain path. */
const FRAME = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?\s*$/;

/** The location of the first stack frame above `fn` (the function that wants to know who called it). */
export function callerLocation(fn: (...args: never[]) => unknown): SpecLocation | undefined {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, fn);
  const frame = holder.stack?.split('\n').slice(1).map((l) => FRAME.exec(l.trim())).find((m) => m !== null);
  if (!frame?.[1] || !frame[2]) return undefined;
  const path = frame[1].startsWith('file://') ? fileURLToPath(frame[1]) : frame[1];
  const file = relative(SUITES_ROOT, path).split(sep).join('/');
  if (file.startsWith('..')) return undefined;
  return { file, line: Number(frame[2]), area: file.split('/')[0] ?? file };
}
