// A live TLS endpoint: connect (never sending anything), take the chain the server presents, say whether the
// leaf covers the name dialled (as Go checks SANs) and, with --ca, whether the chain verifies against it.

import {isIP} from 'node:net';
import {connect, type PeerCertificate, type TLSSocket} from 'node:tls';
import {X509Certificate} from 'node:crypto';
import {shellWord, summariseCertificate} from './certificate.js';
import type {EndpointReport} from './report.js';

export interface EndpointOptions {
  now: Date;
  servername?: string;
  /** PEM text of the CA(s) to verify against. */
  caPem?: string;
  timeoutMs?: number;
}

export interface EndpointAddress {
  host: string;
  port: number;
}

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?):(\d{1,5})$/;

/** `https://HOST:PORT[/…]` or `HOST:PORT` (IPv6 in brackets), or undefined when `arg` is no endpoint. */
export function parseEndpoint(arg: string): EndpointAddress | undefined {
  let hostPort = arg;
  if (/^https:\/\//i.test(arg)) {
    try {
      const url = new URL(arg);
      return {host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port === '' ? 443 : Number(url.port)};
    } catch {
      return undefined;
    }
  }
  hostPort = arg;
  const m = HOST_PORT.exec(hostPort);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  return {host: m[1]!.replace(/^\[|\]$/g, ''), port};
}

/** What a failed connection means, in words (the code stays beside it, for searching). */
const NETWORK_ERRORS: Readonly<Record<string, (at: string, host: string) => string>> = {
  ECONNREFUSED: (at) => `connection refused: nothing listens on ${at}`,
  ECONNRESET: () => 'the server closed the connection during the handshake: is it a TLS port?',
  ENOTFOUND: (_, host) => `no address found for ${host} (DNS)`,
  EAI_AGAIN: (_, host) => `no address found for ${host} yet (DNS did not answer)`,
  EHOSTUNREACH: (at) => `no route to ${at}`,
  ENETUNREACH: (at) => `the network of ${at} is unreachable`,
  ETIMEDOUT: (at) => `${at} did not answer in time`,
  EPROTO: () => 'the server does not speak TLS on this port (or only an old version)',
};

function networkWords(error: NodeJS.ErrnoException, address: EndpointAddress): string {
  const words = error.code ? NETWORK_ERRORS[error.code] : undefined;
  return words ? `${words(hostPort(address), address.host)} (${error.code})` : error.code ? `${error.code}: ${error.message}` : error.message;
}

/** `https://HOST:9999999` or `HOST:0`: an endpoint by its shape whose port no socket can have. */
export const badPort = (arg: string): boolean => {
  const m = /^(?:https:\/\/)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d+)(?:\/.*)?$/i.exec(arg);
  return m !== null && (Number(m[1]) < 1 || Number(m[1]) > 65535);
};

const hostPort = (a: EndpointAddress): string => `${isIP(a.host) === 6 ? `[${a.host}]` : a.host}:${a.port}`;

/** The presented chain, leaf first, from the linked PeerCertificate objects (each once). */
function chainOf(socket: TLSSocket): Buffer[] {
  const out: Buffer[] = [];
  const seen = new Set<string>();
  let at: PeerCertificate | undefined = socket.getPeerCertificate(true);
  while (at && at.raw && !seen.has(at.fingerprint256)) {
    seen.add(at.fingerprint256);
    out.push(at.raw);
    at = (at as PeerCertificate & {issuerCertificate?: PeerCertificate}).issuerCertificate;
  }
  return out;
}

/** Whether the leaf is valid for the name dialled: an IP against IP SANs, a name against DNS SANs (never the CN). */
export function coversName(leafDer: Uint8Array, name: string): boolean {
  const cert = new X509Certificate(leafDer);
  return isIP(name) ? cert.checkIP(name) !== undefined : cert.checkHost(name, {subject: 'never'}) !== undefined;
}

export function inspectEndpoint(arg: string, address: EndpointAddress, opts: EndpointOptions): Promise<EndpointReport> {
  const name = opts.servername ?? address.host;
  const report: EndpointReport = {endpoint: arg, host: address.host, port: address.port, connected: false, chain: []};
  if (opts.servername) report.servername = opts.servername;
  return new Promise((done) => {
    const socket = connect({
      host: address.host,
      port: address.port,
      // SNI takes names only; an IP is dialled without it, as Go's client does.
      ...(isIP(name) ? {} : {servername: name}),
      ...(opts.caPem ? {ca: opts.caPem} : {}),
      rejectUnauthorized: false,
      // The name is judged on its own below, so `authorized` says only whether the chain verifies.
      checkServerIdentity: () => undefined,
      timeout: opts.timeoutMs ?? 5000,
    });
    const finish = (problem?: string) => {
      if (problem && !report.connected) report.problem = problem;
      socket.destroy();
      done(report);
    };
    socket.once('secureConnect', () => {
      report.connected = true;
      report.protocol = socket.getProtocol() ?? undefined;
      const chain = chainOf(socket);
      try {
        // s_client prints the leaf as PEM (and every certificate with -showcerts): the learner's way to the same view.
        const sClient = `openssl s_client -connect ${shellWord(hostPort(address))}${isIP(name) ? '' : ` -servername ${shellWord(name)}`}`;
        report.chain = chain.map((der, i) => summariseCertificate(der, {now: opts.now,
          source: i === 0 ? {pipe: `${sClient} </dev/null 2>/dev/null`} : {all: `${sClient} -showcerts </dev/null`}}));
        if (chain[0]) report.coversName = coversName(chain[0], name);
      } catch (error) {
        report.problem = `the server presented a certificate inspect cannot read: ${(error as Error).message}`;
      }
      if (opts.caPem) {
        report.verified = socket.authorized;
        if (!socket.authorized && socket.authorizationError) report.verifyError = String(socket.authorizationError);
      }
      finish();
    });
    socket.once('timeout', () => finish(`no TLS handshake within ${(opts.timeoutMs ?? 5000) / 1000}s`));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(networkWords(error, address)));
  });
}
