/**
 * The client's defaults that the CLI's flags show before any request is made: apart from scim-client.ts so that
 * describing `--timeout` does not load undici (about 140 ms) into a process that may never send a request.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;
