/**
 * The bench's pure half: a figure (value, unit, goal, verdict, details), how it prints, and the shape of
 * bench/results.json. No I/O here, so tests/bench/ can pin it in milliseconds.
 */

export type Unit = 'ratio' | 'users/s' | 'ms' | 's' | 'MB' | 'count';
export type Op = '<=' | '>=' | '<' | '>';

export interface Goal {
  op: Op;
  limit: number;
}

/** One line of the bench and one entry of results.json. */
export interface Figure {
  name: string;
  /** null: not measured (details.reason says why). */
  value: number | null;
  unit: Unit;
  /** Printed form of the goal (`≤ 1.3`), null for a figure reported without a goal. */
  goal: string | null;
  /** null when there is no goal or nothing was measured. */
  ok: boolean | null;
  /** The printed value, with as many more digits as it takes not to read as the goal's limit (`1.001 (> 1) ok`). */
  shown?: string;
  details: Record<string, unknown>;
}

export interface Results {
  measuredAt: string;
  machine: { cpus: number; cpuModel: string; memoryMB: number; node: string; loadAverage: { start: number[]; end: number[] } };
  /** Wall time of the whole bench. */
  benchSeconds: number;
  figures: Figure[];
}

/**
 * a / b, for two quantities measured in the same run. A zero, negative or non-finite side is a broken
 * measurement, never a figure: it throws instead of printing Infinity.
 */
export function ratio(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || a < 0 || b <= 0) throw new RangeError(`cannot form the ratio ${a} / ${b}`);
  return a / b;
}

export function meets(value: number, goal: Goal): boolean {
  switch (goal.op) {
    case '<=': return value <= goal.limit;
    case '>=': return value >= goal.limit;
    case '<': return value < goal.limit;
    case '>': return value > goal.limit;
  }
}

const OP_TEXT: Record<Op, string> = { '<=': '≤', '>=': '≥', '<': '<', '>': '>' };

export function formatValue(value: number, unit: Unit, extraDigits = 0): string {
  const fixed = (digits: number): string => value.toFixed(digits + extraDigits);
  switch (unit) {
    case 'ratio': return fixed(2);
    case 'users/s': return `${fixed(0)} users/s`;
    case 'ms': return `${fixed(value < 10 ? 1 : 0)} ms`;
    case 's': return `${fixed(1)} s`;
    case 'MB': return `${fixed(0)} MB`;
    case 'count': return String(Math.round(value));
  }
}

/** The value as printed; a value that rounds to its goal's limit without being it gets more digits. */
function shownValue(value: number, unit: Unit, goal: Goal | null): string {
  let extra = 0;
  if (goal && unit !== 'count' && value !== goal.limit) {
    while (extra < 6 && formatValue(value, unit, extra) === formatValue(goal.limit, unit, extra)) extra++;
  }
  return formatValue(value, unit, extra);
}

export function formatGoal(goal: Goal, unit: Unit): string {
  const limit = unit === 'ratio' ? String(goal.limit) : formatValue(goal.limit, unit);
  return `${OP_TEXT[goal.op]} ${limit}`;
}

export function measured(name: string, value: number, unit: Unit, goal: Goal | null, details: Record<string, unknown> = {}): Figure {
  if (!Number.isFinite(value)) throw new RangeError(`${name}: ${value} is not a measurement`);
  return { name, value, unit, goal: goal ? formatGoal(goal, unit) : null, ok: goal ? meets(value, goal) : null, shown: shownValue(value, unit, goal), details };
}

export function notMeasured(name: string, unit: Unit, goal: Goal | null, reason: string, details: Record<string, unknown> = {}): Figure {
  return { name, value: null, unit, goal: goal ? formatGoal(goal, unit) : null, ok: null, details: { ...details, reason } };
}

/** `name: value (goal) ok`, `… MISSED`, `name: value (no goal)`, or `name: not measured (goal): reason`. */
export function formatLine(f: Figure): string {
  const goal = f.goal ?? 'no goal';
  if (f.value === null) return `${f.name}: not measured (${goal}): ${String(f.details.reason ?? 'no reason given')}`;
  const verdict = f.ok === null ? '' : f.ok ? ' ok' : ' MISSED';
  return `${f.name}: ${f.shown ?? formatValue(f.value, f.unit)} (${goal})${verdict}`;
}

const UNITS: readonly string[] = ['ratio', 'users/s', 'ms', 's', 'MB', 'count'];

/** Problems with a parsed results.json (empty when it has the shape above). */
export function resultsProblems(x: unknown): string[] {
  const problems: string[] = [];
  if (!x || typeof x !== 'object') return ['results must be an object'];
  const r = x as Partial<Record<keyof Results, unknown>>;
  if (typeof r.measuredAt !== 'string' || Number.isNaN(Date.parse(r.measuredAt))) problems.push('measuredAt must be an ISO date');
  const m = r.machine as Partial<Results['machine']> | undefined;
  if (!m || typeof m.cpus !== 'number' || typeof m.node !== 'string') problems.push('machine must name cpus and node');
  if (typeof r.benchSeconds !== 'number') problems.push('benchSeconds must be a number');
  if (!Array.isArray(r.figures)) return [...problems, 'figures must be an array'];
  const names = new Set<string>();
  r.figures.forEach((f: unknown, i) => {
    const at = `figures[${i}]`;
    if (!f || typeof f !== 'object') {
      problems.push(`${at} must be an object`);
      return;
    }
    const g = f as Partial<Record<keyof Figure, unknown>>;
    if (typeof g.name !== 'string' || g.name === '') problems.push(`${at}.name must be a non-empty string`);
    else if (names.has(g.name)) problems.push(`${at}.name ${g.name} is not unique`);
    else names.add(g.name);
    if (g.value !== null && (typeof g.value !== 'number' || !Number.isFinite(g.value))) problems.push(`${at}.value must be a finite number or null`);
    if (typeof g.unit !== 'string' || !UNITS.includes(g.unit)) problems.push(`${at}.unit must be one of ${UNITS.join(', ')}`);
    if (g.goal !== null && typeof g.goal !== 'string') problems.push(`${at}.goal must be a string or null`);
    if (g.shown !== undefined && typeof g.shown !== 'string') problems.push(`${at}.shown must be a string when present`);
    if (g.ok !== null && typeof g.ok !== 'boolean') problems.push(`${at}.ok must be a boolean or null`);
    if ((g.goal === null || g.value === null) && g.ok !== null) problems.push(`${at}.ok must be null without a goal or a value`);
    if (!g.details || typeof g.details !== 'object' || Array.isArray(g.details)) problems.push(`${at}.details must be an object`);
    if (g.value === null && typeof (g.details as { reason?: unknown } | undefined)?.reason !== 'string') problems.push(`${at}: a figure not measured needs details.reason`);
  });
  return problems;
}

/** Median of a non-empty list (robust against one noisy sample on a busy machine). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
