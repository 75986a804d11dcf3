/** Process entry (bin/scim-conform.js imports this): argv and env in, exit code out. */
import { hideBin } from 'yargs/helpers';
import { runCli } from './program.js';

const code = await runCli(hideBin(process.argv), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
// Exit explicitly: keep-alive sockets of the SCIM client must not hold the process open.
process.exit(code);
