/** How the idp commands print an import, a cycle and progress. */
import type { CycleSummary, ImportSummary, Progress } from '../../../mock-idp/index.js';
import type { CliContext } from '../../context.js';

export function importSummaryLine(file: string, s: ImportSummary): string {
  const u = s.users;
  const g = s.groups;
  return `imported ${file}: users +${u.created} ~${u.updated} -${u.deleted} (=${u.unchanged}), groups +${g.created} ~${g.updated} -${g.deleted}, memberships +${s.memberships.added} -${s.memberships.removed}, ${s.assignments.assignAll ? 'no assignments: everything in scope' : `${s.assignments.changed} assignment change(s)`}`;
}

export function cycleSummaryLine(s: CycleSummary): string {
  const parts = [
    `${s.kind} cycle ${s.cycleId.slice(0, 8)} at ${s.at}: created ${s.created}, updated ${s.updated}, disabled ${s.disabled}, deleted ${s.deleted}, skipped ${s.skipped}, failed ${s.failed}`,
    `(references ${s.references}, unchanged ${s.unchanged}${s.staged ? `, staged ${s.staged}` : ''}; ${s.requests} requests in ${(s.durationMs / 1000).toFixed(1)} s; escrow ${s.escrowed})`,
  ];
  if (s.quarantine) parts.push(`\nQUARANTINED: ${s.quarantine.reason}: ${s.quarantine.detail}`);
  if (s.aborted) parts.push(`\ncycle aborted: ${s.aborted}`);
  return parts.join(' ');
}

/** Progress on a terminal: one rewritten line, at most five times a second. */
export function progressPrinter(ctx: CliContext): ((p: Progress) => void) | undefined {
  const stream = ctx.io.stderr as { isTTY?: boolean; write(s: string): unknown };
  if (!stream.isTTY) return undefined;
  let last = 0;
  const started = Date.now();
  return (p) => {
    const now = Date.now();
    if (now - last < 200 && p.done !== p.total) return;
    last = now;
    const rate = p.done / Math.max(0.001, (now - started) / 1000);
    stream.write(`\r\x1b[K${p.phase}: ${p.done}/${p.total} (${rate.toFixed(0)}/s)`);
    if (p.done === p.total) stream.write('\r\x1b[K');
  };
}
