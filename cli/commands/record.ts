/**
 * `scim-conform record`: capture IdP traffic as a trace. Either a recording proxy (`--upstream URL --listen PORT`)
 * the IdP talks to instead of the app, running until Ctrl-C — its tenant URL is the FIRST line on stdout, as with
 * `serve` — or an import of a capture made elsewhere (`--import FILE`: a HAR, the reference app's request log, the
 * emulator's exchange log). Either way secrets are redacted and PII masked before a line is written.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_TIMEOUT_MS } from '../../core/client/defaults.js';
import { IMPORT_FORMATS, importTrace, type ImportFormat } from '../../replay/importers/index.js';
import { DEFAULT_PII_FIELDS, Masker } from '../../replay/mask.js';
import type { RunningRecorder } from '../../replay/recorder.js';
import { Sanitizer } from '../../replay/sanitize.js';
import { TRACE_VERSION, TraceWriter } from '../../replay/trace.js';
import { say, usageError, type CliContext } from '../context.js';
import { readableFile } from '../run-options.js';
import { parseTargetUrl } from '../target.js';
import { untilStopped } from '../until-stopped.js';

interface RecordArgs {
  upstream?: string | undefined;
  listen?: number | undefined;
  host?: string | undefined;
  import?: string | undefined;
  format?: ImportFormat | undefined;
  out?: string | undefined;
  mask?: string[] | undefined;
  ca?: string | undefined;
  insecure?: boolean | undefined;
  timeout?: number | undefined;
}

function builder(y: Argv): Argv<RecordArgs> {
  return y
    .options({
      upstream: { type: 'string', describe: 'Tenant URL of the app the IdP would talk to; the proxy forwards everything there' },
      listen: { type: 'number', default: 0, describe: 'Port the proxy listens on (0: a free one, read it from the first line)' },
      host: { type: 'string', default: '127.0.0.1', describe: 'Address the proxy listens on' },
      import: { type: 'string', describe: 'Instead of proxying: a capture file to turn into a trace (HAR, reference-app request log, emulator exchange log)' },
      format: { type: 'string', choices: IMPORT_FORMATS, describe: 'Format of the --import file (default: recognised from its content)' },
      out: { type: 'string', describe: 'The trace file to write (JSON lines); required' },
      mask: { type: 'string', array: true, describe: 'Attribute paths whose values are masked (default: userName, emails.value, name.*, … ; "none" masks nothing)' },
      ca: { type: 'string', describe: 'PEM file of a private CA the upstream uses' },
      insecure: { type: 'boolean', default: false, describe: 'Skip TLS certificate checks of the upstream' },
      timeout: { type: 'number', default: DEFAULT_TIMEOUT_MS, describe: 'Per-request timeout towards the upstream, in ms' },
    })
    .example('$0 record --upstream https://app.example.com/scim/v2 --listen 8443 --out entra.trace.jsonl', 'record what an IdP sends (give it the printed URL as Tenant URL)')
    .example('$0 record --import session.har --out customer.trace.jsonl', 'a HAR from a proxy or browser as a trace') as unknown as Argv<RecordArgs>;
  // The cast: yargs infers `string | undefined` for choices; RecordArgs is what the handler validates.
}

/** `--mask` → attribute paths: the defaults, the paths given (comma-separated or repeated), or none. */
export function maskFields(mask: readonly string[] | undefined): string[] {
  if (mask === undefined) return [...DEFAULT_PII_FIELDS];
  const fields = mask.flatMap((m) => m.split(',')).map((m) => m.trim()).filter((m) => m !== '');
  return fields.length === 1 && fields[0]?.toLowerCase() === 'none' ? [] : fields;
}

async function proxy(ctx: CliContext, args: RecordArgs, out: string, masker: Masker, sanitizer: Sanitizer): Promise<void> {
  const upstream = parseTargetUrl(args.upstream ?? '', '--upstream');
  const port = args.listen ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError('--listen must be a port number from 0 to 65535');
  if (!Number.isInteger(args.timeout) || (args.timeout ?? 0) < 1) throw usageError('--timeout must be a positive whole number');
  const ca = readableFile(args.ca, '--ca', ctx.io.cwd);
  // Loaded on demand: undici is for the proxy only, not for every command's start.
  const { createAgent } = await import('../../core/client/scim-client.js');
  const dispatcher = createAgent({ ...(ca ? { ca: readFileSync(ca) } : {}), insecure: args.insecure ?? false });
  upstream.search = '';
  upstream.hash = '';
  const trace = new TraceWriter(out, { trace: TRACE_VERSION, source: 'proxy', recordedAt: new Date().toISOString(), upstream: ctx.redactor.url(upstream.href.replace(/\/+$/, '')), masked: [...masker.fields] });
  // Loaded on demand: only the proxy needs node:http and the recorder.
  const { startRecorder } = await import('../../replay/recorder.js');
  let recorder: RunningRecorder;
  try {
    recorder = await startRecorder({
      upstream,
      host: args.host ?? '127.0.0.1',
      port,
      trace,
      sanitizer,
      dispatcher,
      timeoutMs: args.timeout ?? DEFAULT_TIMEOUT_MS,
      onNotRecorded: (method, path) => say(ctx, 'stderr', `scim-conform record: ${method} ${path} is outside the tenant URL: forwarded, not recorded`),
    });
  } catch (err) {
    trace.close();
    throw usageError(`cannot listen on ${args.host}:${port} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  say(ctx, 'stdout', recorder.url);
  say(ctx, 'stdout', `Recording what is sent to ${recorder.url} (forwarded to ${upstream.href}) into ${args.out}; Ctrl-C stops`);
  await untilStopped();
  await recorder.close();
  await dispatcher.close();
  trace.close();
  say(ctx, 'stdout', `Recorded ${trace.count} exchange(s) into ${args.out}`);
}

export function recordCommand(ctx: CliContext): CommandModule<object, RecordArgs> {
  return {
    command: 'record',
    describe: 'Record IdP traffic as a trace (a proxy in front of the app, or an import of a HAR or log) for "replay"',
    builder,
    handler: async (args) => {
      if ((args.upstream === undefined) === (args.import === undefined)) throw usageError('give exactly one of --upstream URL (record through a proxy) or --import FILE (a capture made elsewhere)');
      if (!args.out) throw usageError('--out TRACE is required: the trace file to write');
      const out = resolve(ctx.io.cwd, args.out);
      const masker = new Masker(maskFields(args.mask));
      const sanitizer = new Sanitizer(ctx.redactor, masker);
      if (args.upstream !== undefined) return proxy(ctx, args, out, masker, sanitizer);
      const file = readableFile(args.import, '--import', ctx.io.cwd) as string;
      const trace = importTrace(file, args.format, sanitizer, [...masker.fields], args.import);
      const writer = new TraceWriter(out, trace.header);
      for (const x of trace.exchanges) writer.append(x);
      writer.close();
      say(ctx, 'stdout', `Imported ${trace.exchanges.length} exchange(s) from ${args.import} (${trace.header.source}${trace.skipped > 0 ? `; ${trace.skipped} request(s) outside SCIM left out` : ''}) into ${args.out}`);
    },
  };
}
