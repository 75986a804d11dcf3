/**
 * Recursive-descent parser: expression := operand (comparison operand)?; operand := call | [attr] | "string" |
 * number | bare name (vbTextCompare). Omitted arguments (`Switch([x], , "a", "b")`) parse as `null`.
 */
import { ExpressionError } from './errors.js';
import { tokenize, type Token } from './tokenizer.js';

export type Node =
  | { kind: 'attr'; name: string; pos: number }
  | { kind: 'str'; value: string; pos: number }
  | { kind: 'num'; value: string; pos: number }
  | { kind: 'ident'; name: string; pos: number }
  | { kind: 'call'; name: string; args: Array<Node | null>; pos: number }
  | { kind: 'cmp'; op: string; left: Node; right: Node; pos: number };

export function parse(src: string): Node {
  const tokens = tokenize(src);
  let i = 0;
  const peek = (): Token => tokens[i] as Token;
  const next = (): Token => tokens[i++] as Token;
  const describe = (t: Token): string => (t.type === 'end' ? 'the end of the expression' : JSON.stringify(t.type === 'string' ? `"${t.text}"` : t.text));

  const operand = (): Node => {
    const t = next();
    switch (t.type) {
      case 'attribute':
        return { kind: 'attr', name: t.text, pos: t.pos };
      case 'string':
        return { kind: 'str', value: t.text, pos: t.pos };
      case 'number':
        return { kind: 'num', value: t.text, pos: t.pos };
      case 'name': {
        if (peek().type !== 'lparen') return { kind: 'ident', name: t.text, pos: t.pos };
        next();
        const args: Array<Node | null> = [];
        if (peek().type === 'rparen') {
          next();
          return { kind: 'call', name: t.text, args, pos: t.pos };
        }
        for (;;) {
          const p = peek();
          args.push(p.type === 'comma' || p.type === 'rparen' ? null : expression());
          const sep = next();
          if (sep.type === 'rparen') break;
          if (sep.type !== 'comma') throw new ExpressionError(`expected "," or ")" in the arguments of ${t.text} but found ${describe(sep)}`, sep.pos);
        }
        return { kind: 'call', name: t.text, args, pos: t.pos };
      }
      default:
        throw new ExpressionError(`expected a function, [attribute], "string" or number but found ${describe(t)}`, t.pos);
    }
  };
  const expression = (): Node => {
    const left = operand();
    if (peek().type !== 'op') return left;
    const op = next();
    return { kind: 'cmp', op: op.text, left, right: operand(), pos: op.pos };
  };

  const root = expression();
  const rest = peek();
  if (rest.type !== 'end') throw new ExpressionError(`unexpected ${describe(rest)} after a complete expression`, rest.pos);
  return root;
}
