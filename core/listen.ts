/**
 * Starting a local HTTP server (the reference app, the provisioning console): listen on host and port (0: a free
 * one), closing the server if that fails, and answer the host a client can dial — wildcard listen addresses become
 * loopback, IPv6 gets brackets. Typed structurally so core/ needs no HTTP framework.
 */
import type { AddressInfo } from 'node:net';

export interface Listenable {
  listen(opts: { host: string; port: number }): Promise<unknown>;
  close(): Promise<unknown>;
  readonly server: { address(): AddressInfo | string | null };
}

export function dialHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Listens and answers `host:port` as a client dials it. */
export async function listenOn(app: Listenable, host: string, port: number): Promise<string> {
  try {
    await app.listen({ host, port });
  } catch (err) {
    await app.close();
    throw err;
  }
  return `${dialHost(host)}:${(app.server.address() as AddressInfo).port}`;
}
