/**
 * Compiles an expression once into closures (no per-object parsing): unknown functions, wrong argument counts
 * and bad literal regexes fail here, naming the position.
 */
import { ExpressionError, ExpressionRuntimeError } from './errors.js';
import { FALSE, lookupFunction, toText, TRUE, type EvalContext, type Thunk, type Value } from './functions.js';
import { parse, type Node } from './parser.js';

export type { EvalContext, Value } from './functions.js';

export interface CompiledExpression {
  readonly source: string;
  /** Source attributes the expression reads. */
  readonly attributes: readonly string[];
  evaluate(ctx: EvalContext): Value;
}

type Evaluator = (ctx: EvalContext) => Value;

function compare(op: string, l: Value, r: Value, pos: number): Value {
  const a = toText(l);
  const b = toText(r);
  // Entra: "If the source attribute used within the IIF function is empty or null, the condition check fails."
  if (a === null || b === null) throw new ExpressionRuntimeError(`comparison "${op}" with a null value`, pos);
  const na = Number(a);
  const nb = Number(b);
  const numeric = a.trim() !== '' && b.trim() !== '' && Number.isFinite(na) && Number.isFinite(nb);
  const c = numeric ? na - nb : a < b ? -1 : a > b ? 1 : 0;
  const result = op === '=' ? c === 0 : op === '<>' ? c !== 0 : op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '<' ? c < 0 : c <= 0;
  return result ? TRUE : FALSE;
}

function build(node: Node, attributes: Set<string>): Evaluator {
  switch (node.kind) {
    case 'attr': {
      attributes.add(node.name);
      const name = node.name;
      return (ctx) => ctx.get(name);
    }
    case 'str':
    case 'num': {
      const v = node.value;
      return () => v;
    }
    case 'ident': {
      // Only the InStr compare modes are bare names in Entra's language.
      if (node.name !== 'vbTextCompare' && node.name !== 'vbBinaryCompare') {
        throw new ExpressionError(`unexpected name ${node.name}: attributes go in [brackets], strings in "quotes", functions need (…)`, node.pos);
      }
      const v = node.name;
      return () => v;
    }
    case 'cmp': {
      const l = build(node.left, attributes);
      const r = build(node.right, attributes);
      const { op, pos } = node;
      return (ctx) => compare(op, l(ctx), r(ctx), pos);
    }
    case 'call': {
      const def = lookupFunction(node.name, node.pos);
      if (node.args.length < def.min || node.args.length > def.max) {
        const want = def.max === Infinity ? `at least ${def.min}` : def.min === def.max ? `${def.min}` : `${def.min} to ${def.max}`;
        throw new ExpressionError(`${node.name} takes ${want} argument${def.min === 1 && def.max === 1 ? '' : 's'}, got ${node.args.length}`, node.pos);
      }
      def.check?.(node.args, node.pos);
      const args = node.args.map((a) => (a ? build(a, attributes) : null));
      const pos = node.pos;
      return (ctx) => {
        const thunks: Thunk[] = args.map((a) => (a ? () => a(ctx) : () => null));
        return def.call(thunks, ctx, pos);
      };
    }
  }
}

export function compileExpression(source: string): CompiledExpression {
  const attributes = new Set<string>();
  const evaluator = build(parse(source), attributes);
  return { source, attributes: [...attributes], evaluate: evaluator };
}
