/**
 * `scim-conform merge DIR… --out DIR`: one report from the output folders of `run --shard i/n`, built from their
 * compliance.json files under the same verdict rules; their allure-results are gathered too. Exits like `run`.
 */
import { writeAllureEnvironment } from '../../reports/allure-environment.js';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { mergeComplianceReports } from '../../reports/merge.js';
import { readWaivers } from '../../reports/waivers.js';
import { REPORT_FILES, writeReports } from '../../reports/write-reports.js';
import { say, usageError, type CliContext } from '../context.js';
import { ALLURE_RESULTS, exitCodeFor, loadReport, summaryLines } from '../outcome.js';
import { readableFile } from '../run-options.js';

interface MergeArgs {
  dirs?: string[] | undefined;
  out?: string | undefined;
  waivers?: string | undefined;
}

export function mergeCommand(ctx: CliContext): CommandModule<object, MergeArgs> {
  return {
    command: 'merge <dirs..>',
    describe: 'Merge the output folders of sharded runs into one report',
    builder: (y: Argv) =>
      y
        .positional('dirs', { type: 'string', array: true, describe: 'Output folders of the shards' })
        .options({
          out: { type: 'string', demandOption: true, describe: 'Folder for the merged report' },
          waivers: { type: 'string', describe: 'JSON file of waivers [{id, reason, expires}]' },
        }) as unknown as Argv<MergeArgs>,
    // The cast: yargs types the variadic positional as optional; the command string requires at least one.
    handler: (args) => {
      const cwd = ctx.io.cwd;
      const dirs = (args.dirs ?? []).map((d) => resolve(cwd, d));
      const reports = dirs.map((d, i) => loadReport(join(d, REPORT_FILES.json), `shard folder ${args.dirs?.[i]}:`, cwd));
      const waiversFile = readableFile(args.waivers, '--waivers', cwd);
      const out = resolve(cwd, args.out ?? '');
      if (dirs.includes(out)) throw usageError('--out must be a folder of its own, not one of the shards');
      const merged = mergeComplianceReports(reports, waiversFile ? { waivers: readWaivers(waiversFile) } : {});
      writeReports(merged, out);
      // Allure result files have unique names per test, so gathering them is copying them side by side.
      for (const dir of dirs) {
        const results = join(dir, ALLURE_RESULTS);
        if (existsSync(results)) {
          mkdirSync(join(out, ALLURE_RESULTS), { recursive: true });
          cpSync(results, join(out, ALLURE_RESULTS), { recursive: true });
        }
      }
      // The shards' environment.properties were copied over each other: the merged verdict(s) replace them.
      if (existsSync(join(out, ALLURE_RESULTS))) writeAllureEnvironment(merged, join(out, ALLURE_RESULTS));
      say(ctx, 'stdout', `Merged ${reports.length} shard report(s)`);
      for (const line of summaryLines(merged, out)) say(ctx, 'stdout', line);
      ctx.exitCode = exitCodeFor(merged);
    },
  };
}
