/** Every command of the CLI, in the order `--help` lists them. */
import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.js';
import { diffCommand } from './diff.js';
import { idpCommand } from './idp/index.js';
import { listCommand } from './list.js';
import { mergeCommand } from './merge.js';
import { recordCommand } from './record.js';
import { replayCommand } from './replay.js';
import { runCommand } from './run.js';
import { serveCommand } from './serve.js';
import { sweepCommand } from './sweep.js';

// yargs erases each command's own argument type once registered; `object` keeps that honest.
export function commands(ctx: CliContext): Array<CommandModule<object, never>> {
  return [runCommand(ctx), serveCommand(ctx), listCommand(ctx), sweepCommand(ctx), diffCommand(ctx), mergeCommand(ctx), idpCommand(ctx), recordCommand(ctx), replayCommand(ctx)] as Array<CommandModule<object, never>>;
}
