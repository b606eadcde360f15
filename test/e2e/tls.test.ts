// Node's tls as a consumer: the API server's certificate serves every name kubeadm promises, and client
// certificates from the generated kubeconfigs are accepted by a server that trusts only the cluster CA.

import {readFileSync, mkdtempSync, rmSync} from 'node:fs';
import {createServer, connect, checkServerIdentity, type TLSSocket} from 'node:tls';
import {X509Certificate} from 'node:crypto';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parse} from 'yaml';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {basePlan} from '../../src/plan/defaults.js';
import {poolKeys} from '../support/key-pool.js';

describe.each(['RSA-2048', 'ECDSA-P256'] as const)('TLS with the generated %s API server and client certificates', (alg) => {
  let dir: string;
  const read = (p: string) => readFileSync(join(dir, p), 'utf8');
  const pki = (f: string) => read(`cp/etc/kubernetes/pki/${f}`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubepki-tls-'));
    const plan = basePlan([{name: 'cp', address: '127.0.0.1', role: 'control-plane'}], [{name: 'john', groups: ['developers']}]);
    plan.certificates.encryptionAlgorithm = alg;
    await generateNative({keys: poolKeys, plan, out: dir});
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it('the apiserver certificate is valid for every name and IP clients use', () => {
    const cert = new X509Certificate(pki('apiserver.crt'));
    const legacy = {subject: {CN: 'kube-apiserver'}, subjectaltname: cert.subjectAltName!} as never;
    for (const host of ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'cp', '10.96.0.1', '127.0.0.1']) {
      expect(checkServerIdentity(host, legacy), host).toBeUndefined();
    }
    expect(checkServerIdentity('kubernetes.default.svc.cluster', legacy)).toBeInstanceOf(Error);
    expect(checkServerIdentity('10.96.0.10', legacy)).toBeInstanceOf(Error);
  });

  async function handshake(clientKubeconfig: string, servername: string) {
    const kc = parse(read(clientKubeconfig));
    const b64 = (s: string) => Buffer.from(s, 'base64').toString();
    const server = createServer({cert: pki('apiserver.crt'), key: pki('apiserver.key'), ca: pki('ca.crt'), requestCert: true, rejectUnauthorized: true});
    const seen = new Promise<string>((resolve) => server.on('secureConnection', (s: TLSSocket) => {
      resolve(s.getPeerCertificate().subject.CN as string);
      s.end();
    }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as {port: number}).port;
    try {
      const client = connect({host: '127.0.0.1', port, servername, ca: b64(kc.clusters[0].cluster['certificate-authority-data']),
        cert: b64(kc.users[0].user['client-certificate-data']), key: b64(kc.users[0].user['client-key-data'])});
      await new Promise<void>((resolve, reject) => client.on('secureConnect', resolve).on('error', reject));
      client.end();
      return await seen;
    } finally {
      server.close();
    }
  }

  it('accepts admin.conf, the kubelet and a user, each seen under its CN', async () => {
    expect(await handshake('cp/etc/kubernetes/admin.conf', 'kubernetes.default.svc')).toBe('kubernetes-admin');
    expect(await handshake('cp/etc/kubernetes/kubelet.conf', 'kubernetes')).toBe('system:node:cp');
    expect(await handshake('users/john/john.kubeconfig', 'cp')).toBe('john');
  });

  it('rejects a server name that is not a SAN', async () => {
    await expect(handshake('cp/etc/kubernetes/admin.conf', 'api.example.com')).rejects.toThrow(/altnames|Hostname/i);
  });
});
