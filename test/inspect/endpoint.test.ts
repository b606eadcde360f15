// inspect on a live endpoint: a TLS server on 127.0.0.1 with an openssl-made certificate; the chain it presents,
// whether it covers the name dialled (right name, wrong name) and whether it verifies against --ca.

import {readFile} from 'node:fs/promises';
import type {AddressInfo} from 'node:net';
import {join} from 'node:path';
import {createServer, type Server} from 'node:tls';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {badPort, parseEndpoint} from '../../src/inspect/endpoint.js';
import {inspectPaths} from '../../src/inspect/inspect.js';
import {kubepki} from '../support/cli.js';
import {hasOpenssl, tmpDir, type TmpDir} from '../support/openssl.js';
import {opensslFixture} from './fixtures.js';

const run = hasOpenssl() ? describe : describe.skip;

describe('parseEndpoint', () => {
  it('reads https URLs and HOST:PORT, IPv6 in brackets, and nothing else', () => {
    expect(parseEndpoint('https://10.0.0.1:6443')).toEqual({host: '10.0.0.1', port: 6443});
    expect(parseEndpoint('https://k8s.example')).toEqual({host: 'k8s.example', port: 443});
    expect(parseEndpoint('localhost:2379')).toEqual({host: 'localhost', port: 2379});
    expect(parseEndpoint('[::1]:6443')).toEqual({host: '::1', port: 6443});
    expect(parseEndpoint('pki/ca.crt')).toBeUndefined();
    expect(parseEndpoint('host:99999')).toBeUndefined();
    expect([badPort('host:99999'), badPort('https://[::1]:0/x'), badPort('host:6443'), badPort('pki/ca.crt')]).toEqual([true, true, false, false]);
    expect(parseEndpoint('http://x:80')).toBeUndefined();
  });
});

run('inspect on a TLS endpoint', () => {
  let tmp: TmpDir;
  let server: Server;
  let port: number;
  let caPem: string;
  let etcdCaPem: string;

  beforeAll(async () => {
    tmp = await tmpDir('kubepki-inspect-tls-');
    const fx = await opensslFixture(tmp.path);
    await fx.key('apiserver.key');
    await fx.leaf('apiserver.crt', 'apiserver.key', {subj: '/CN=kube-apiserver', eku: 'serverAuth', sans: 'DNS:localhost, DNS:kubernetes, IP:127.0.0.1'});
    caPem = await readFile(join(tmp.path, 'ca.crt'), 'utf8');
    etcdCaPem = await readFile(join(tmp.path, 'etcd/ca.crt'), 'utf8');
    const cert = (await readFile(join(tmp.path, 'apiserver.crt'), 'utf8')) + caPem;
    server = createServer({cert, key: await readFile(join(tmp.path, 'apiserver.key'), 'utf8')}, (socket) => socket.end());
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    await tmp.cleanup();
  });

  it('shows the chain presented, covering the IP dialled and verifying against the right CA', async () => {
    const {endpoints} = await inspectPaths([`https://127.0.0.1:${port}`], {caPem});
    const e = endpoints[0]!;
    expect(e).toMatchObject({connected: true, host: '127.0.0.1', port, coversName: true, verified: true});
    expect(e.chain.map((c) => c.role.text)).toEqual(['apiserver serving', 'cluster CA']);
  });

  it('says when the certificate does not cover the name asked for', async () => {
    const {endpoints} = await inspectPaths([`127.0.0.1:${port}`], {servername: 'wrong.example', caPem});
    expect(endpoints[0]).toMatchObject({connected: true, servername: 'wrong.example', coversName: false, verified: true});
    const right = await inspectPaths([`127.0.0.1:${port}`], {servername: 'kubernetes'});
    expect(right.endpoints[0]).toMatchObject({coversName: true});
    expect(right.endpoints[0]!.verified).toBeUndefined();
  });

  it('says when the chain does not verify against another CA', async () => {
    const {endpoints} = await inspectPaths([`localhost:${port}`], {caPem: etcdCaPem});
    expect(endpoints[0]).toMatchObject({connected: true, coversName: true, verified: false});
    expect(endpoints[0]!.verifyError).toMatch(/UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED|unable/i);
  });

  it('reports an endpoint nobody listens on, and the CLI exits 1', async () => {
    const closed = await new Promise<number>((done) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => done(p));
      });
    });
    const {endpoints} = await inspectPaths([`127.0.0.1:${closed}`]);
    expect(endpoints[0]).toMatchObject({connected: false, problem: `connection refused: nothing listens on 127.0.0.1:${closed} (ECONNREFUSED)`});
    const r = await kubepki(['inspect', `127.0.0.1:${closed}`]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('connection refused: nothing listens on');
  });

  it('refuses a port no socket can have, saying so rather than "no such file"', async () => {
    const r = await kubepki(['inspect', 'https://127.0.0.1:99999']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('kubepki: https://127.0.0.1:99999: not a file, and not an endpoint either: a port is 1 to 65535');
  });

  it('prints the endpoint for people from the CLI, with --servername and --ca', async () => {
    const r = await kubepki(['inspect', `https://127.0.0.1:${port}`, '--servername', 'wrong.example', '--ca', join(tmp.path, 'ca.crt')]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('wrong.example: NOT COVERED');
    expect(r.stdout).toContain('Verified      yes, against --ca');
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});
