// A stand-in for kube-apiserver (or a kubelet) in tests: HTTPS on a loopback address with a given serving
// certificate, client certificates required and checked against a given CA, and every caller's CN and O
// recorded, so a test can prove which identity a real client (kubectl, Go's TLS) presented.

import {createServer, type Server} from 'node:https';
import type {TLSSocket} from 'node:tls';

export interface SeenClient {
  cn: string;
  groups: string[];
  path: string;
}

export interface ApiStub {
  url: string;
  host: string;
  port: number;
  seen: SeenClient[];
  close: () => Promise<void>;
}

export interface ApiStubOptions {
  cert: string;
  key: string;
  /** The CA client certificates must chain to (the cluster CA, for an API server). */
  clientCa: string;
  /** Loopback address to listen on; 127.0.0.1 unless a test needs another name. */
  host?: string;
}

const VERSION = {major: '1', minor: '32', gitVersion: 'v1.32.0-kubepki-stub', platform: 'linux/amd64'};

/** Reads an O/CN out of node's subject object, which holds a string or, for repeated attributes, an array. */
function values(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export async function startApiStub(opts: ApiStubOptions): Promise<ApiStub> {
  const seen: SeenClient[] = [];
  const server: Server = createServer({cert: opts.cert, key: opts.key, ca: opts.clientCa, requestCert: true, rejectUnauthorized: true}, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    const subject = (peer.subject ?? {}) as unknown as Record<string, string | string[] | undefined>;
    seen.push({cn: values(subject.CN)[0] ?? '', groups: values(subject.O), path: req.url ?? ''});
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/version')) res.end(JSON.stringify(VERSION));
    else res.end(JSON.stringify({kind: 'Status', apiVersion: 'v1', status: 'Success', message: 'kubepki test stub'}));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as {port: number}).port;
  return {
    url: `https://${host}:${port}`,
    host,
    port,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
