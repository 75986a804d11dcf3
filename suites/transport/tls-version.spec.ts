/**
 * TLS-VERSION (docs/entra-behaviour.md §1.4: "The only acceptable protocol version is TLS 1.2", with Microsoft's cipher list).
 * Three handshakes with node:tls, no HTTP and no credentials: what the endpoint negotiates by default, whether it
 * speaks TLS 1.2 (reported), and whether it refuses a client that offers only TLS 1.0 and 1.1. Certificates are
 * not verified here: no secret crosses these connections, and trust is the other checks' concern.
 */
import { connect, type ConnectionOptions } from 'node:tls';
import { isIP } from 'node:net';
import { ConformanceFailure, HarnessError, TargetError } from '../../core/errors.js';
import { check } from '../_harness/index.js';
import { recordMeasurement } from '../_harness/measurement.js';

/** Microsoft's TLS 1.2 cipher suites, in its order (§1.4), as IANA names (what getCipher().standardName gives). */
const MICROSOFT_SUITES = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384',
];
/** OpenSSL 3 offers TLS 1.0/1.1 only at security level 0. */
const LEGACY: ConnectionOptions = { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' };
/** Failures before any TLS byte was exchanged: the target is not there, which says nothing about its TLS. */
const UNREACHABLE = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/;
/** Our OpenSSL could not build a ClientHello with these versions at all. */
const CLIENT_CANNOT_OFFER = /NO_PROTOCOLS_AVAILABLE|NO_CIPHERS_AVAILABLE|no protocols available/i;

type Handshake = { ok: true; protocol: string; cipher: string } | { ok: false; code: string; message: string };

function handshake(url: URL, extra: ConnectionOptions, timeoutMs: number): Promise<Handshake> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port: Number(url.port || 443),
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
      ...extra,
    });
    const done = (h: Handshake): void => {
      socket.destroy();
      resolve(h);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, code: 'ETIMEDOUT', message: `no handshake within ${timeoutMs} ms` }));
    socket.once('secureConnect', () => {
      const cipher = socket.getCipher();
      done({ ok: true, protocol: socket.getProtocol() ?? 'unknown', cipher: cipher.standardName ?? cipher.name });
    });
    socket.once('error', (err: NodeJS.ErrnoException) => done({ ok: false, code: err.code ?? 'ERROR', message: err.message }));
  });
}

const describe = (h: Handshake): string => (h.ok ? `${h.protocol} with ${h.cipher}` : `refused (${h.code})`);

check({
  id: 'transport/tls-versions',
  title: 'Opens TLS connections offering the default versions, TLS 1.2, and TLS 1.0/1.1',
  requirements: ['TLS-VERSION'],
  applies: (caps) => caps.tlsNaReason,
}, async (ctx) => {
  const url = new URL(ctx.config.url);
  const timeout = ctx.config.timeoutMs;
  const current = await ctx.step('TLS handshake, default versions', () => handshake(url, {}, timeout));
  if (!current.ok && UNREACHABLE.test(current.code)) {
    throw new TargetError('TARGET_UNREACHABLE', `${url.host} cannot be reached (${current.code})`);
  }
  const tls12 = await ctx.step('TLS handshake, TLS 1.2 only', () => handshake(url, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }, timeout));
  const legacy = await ctx.step('TLS handshake, TLS 1.0 and 1.1 only', () => handshake(url, LEGACY, timeout));
  if (!legacy.ok && CLIENT_CANNOT_OFFER.test(`${legacy.code} ${legacy.message}`)) {
    throw new HarnessError('HARNESS_CONFIG', `this Node.js/OpenSSL cannot offer TLS 1.0/1.1 even at security level 0 (${legacy.code}); the refusal cannot be tested here`);
  }

  const onList = tls12.ok ? (MICROSOFT_SUITES.includes(tls12.cipher) ? 'on Microsoft\'s list' : 'not on Microsoft\'s list') : '';
  const summary = `default: ${describe(current)}; TLS 1.2 only: ${describe(tls12)}${onList ? ` (${onList})` : ''}; TLS 1.0/1.1 only: ${describe(legacy)}`;
  await recordMeasurement(ctx.testInfo, summary, { current, tls12, legacy });

  if (!current.ok || !['TLSv1.2', 'TLSv1.3'].includes(current.protocol)) {
    throw new ConformanceFailure('SCIM_VALUE', 'the endpoint does not negotiate TLS 1.2 or newer', { expected: 'TLSv1.2 or TLSv1.3', actual: summary });
  }
  if (legacy.ok) {
    throw new ConformanceFailure('SCIM_UNEXPECTED', `the endpoint accepted ${legacy.protocol} from a client offering only TLS 1.0 and 1.1`, {
      expected: 'the handshake refused (protocol_version alert or closed connection)',
      actual: summary,
    });
  }
});
