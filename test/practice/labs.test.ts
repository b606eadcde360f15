// Every lab as a learner meets it: the untouched lab fails, a correct solution done with real openssl (and
// kubectl) passes, and typical mistakes fail with the message that teaches.

import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {LABS} from '../../src/practice/labs/definitions.js';
import {checkLab, makeLab, readState} from '../../src/practice/labs/run.js';
import type {CheckItem} from '../../src/practice/labs/types.js';
import {hasBinary} from '../support/binaries.js';
import {poolKeys} from '../support/key-pool.js';

const tools = hasBinary('openssl') && hasBinary('kubectl');
const haveEtcd = hasBinary('etcd') && hasBinary('etcdctl');
let root: string;
let n = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kubepki-labs-'));
});
afterAll(() => rmSync(root, {recursive: true, force: true}));

const PKI = 'etc/kubernetes/pki';
const ossl = (dir: string, ...args: string[]) => execa('openssl', args, {cwd: dir});
const ecKey = (dir: string, out: string) => ossl(dir, 'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', out);

async function fresh(id: string, seed = 100 + n): Promise<string> {
  const dir = join(root, `${id}-${n++}`);
  await makeLab(id, dir, {seed, keys: poolKeys});
  return dir;
}

/** Signs `csr` with a CA of the tree, with the extensions given (or none, as a learner forgetting -extfile). */
async function sign(dir: string, csr: string, out: string, ca: string, ext?: string, days: number | null = 365): Promise<void> {
  const args = ['x509', '-req', '-in', csr, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', ...(days === null ? [] : ['-days', String(days)]), '-out', out];
  if (ext) {
    writeFileSync(join(dir, 'ext.cnf'), `[v3]\n${ext}\n`);
    args.push('-extfile', 'ext.cnf', '-extensions', 'v3');
  }
  await ossl(dir, ...args);
}

const failed = (items: CheckItem[]) => items.filter((i) => !i.pass).map((i) => i.message);
const passes = async (id: string, dir: string) => expect(failed(await checkLab(id, dir))).toEqual([]);
const failsWith = async (id: string, dir: string, message: RegExp) => expect(failed(await checkLab(id, dir)).join('\n')).toMatch(message);

describe.runIf(tools)('labs', () => {
  it('has the labs the exam asks for, each with a task that names its paths', async () => {
    expect(LABS.map((l) => l.id)).toEqual(expect.arrayContaining(['view-certificate-details', 'create-user', 'kubelet-client-cert', 'apiserver-sans', 'fix-apiserver-manifest', 'expired-certificate', 'etcd-client']));
  });

  it('refuses a folder that is not empty', async () => {
    const dir = join(root, 'busy');
    await makeLab('create-user', dir, {keys: poolKeys});
    await expect(makeLab('create-user', dir, {keys: poolKeys})).rejects.toThrow(/not empty/);
  });

  describe('create-user', () => {
    const CLIENT = 'keyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth';
    async function credentials(dir: string, ca = `${PKI}/ca`, ext: string | null = CLIENT) {
      await ecKey(dir, 'john.key');
      await ossl(dir, 'req', '-new', '-key', 'john.key', '-subj', '/CN=john/O=developers', '-out', 'john.csr');
      await sign(dir, 'john.csr', 'john.crt', ca, ext ?? undefined);
      const {server} = await readState(dir);
      const kc = (...a: string[]) => execa('kubectl', ['config', ...a, '--kubeconfig', 'john.kubeconfig'], {cwd: dir});
      await kc('set-cluster', 'lab', `--server=${server}`, `--certificate-authority=${PKI}/ca.crt`, '--embed-certs');
      await kc('set-credentials', 'john', '--client-certificate=john.crt', '--client-key=john.key', '--embed-certs');
      await kc('set-context', 'john', '--cluster=lab', '--user=john');
      await kc('use-context', 'john');
    }

    it('fails untouched, passes done right with openssl and kubectl', async () => {
      const dir = await fresh('create-user');
      await failsWith('create-user', dir, /john.csr is missing/);
      await credentials(dir);
      await passes('create-user', dir);
    });

    it('says a certificate signed without -extfile is v1, and names the etcd CA when it signed', async () => {
      const v1 = await fresh('create-user');
      await credentials(v1, `${PKI}/ca`, null);
      await failsWith('create-user', v1, /is v1 and has no extensions/);
      const etcd = await fresh('create-user');
      await credentials(etcd, `${PKI}/etcd/ca`);
      await failsWith('create-user', etcd, /signed by etc\/kubernetes\/pki\/etcd\/ca.crt, not etc\/kubernetes\/pki\/ca.crt: the API server trusts ca.crt for clients/);
    });

    it('accepts the exam way (a CertificateSigningRequest) and refuses a wrapped request', async () => {
      const dir = await fresh('create-user');
      await ecKey(dir, 'john.key');
      await ossl(dir, 'req', '-new', '-key', 'john.key', '-subj', '/CN=john/O=developers', '-out', 'john.csr');
      const yaml = (request: string) => `apiVersion: certificates.k8s.io/v1\nkind: CertificateSigningRequest\nmetadata:\n  name: john\nspec:\n  request: ${request}\n  signerName: kubernetes.io/kube-apiserver-client\n  usages:\n  - client auth\n`;
      const b64 = readFileSync(join(dir, 'john.csr')).toString('base64');
      writeFileSync(join(dir, 'john-csr.yaml'), yaml(b64));
      await passes('create-user', dir);
      writeFileSync(join(dir, 'john-csr.yaml'), yaml(`|\n    ${b64.match(/.{1,76}/g)!.join('\n    ')}`));
      await failsWith('create-user', dir, /must be one line/);
    });
  });

  describe('kubelet-client-cert', () => {
    async function nodeCert(dir: string, subj: string) {
      await ecKey(dir, 'node01.key');
      await ossl(dir, 'req', '-new', '-key', 'node01.key', '-subj', subj, '-out', 'node01.csr');
      await sign(dir, 'node01.csr', 'node01.crt', `${PKI}/ca`, 'keyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth');
    }
    it('passes with CN system:node:node01 and O system:nodes', async () => {
      const dir = await fresh('kubelet-client-cert');
      await failsWith('kubelet-client-cert', dir, /node01.crt is missing/);
      await nodeCert(dir, '/CN=system:node:node01/O=system:nodes');
      await passes('kubelet-client-cert', dir);
    });
    it('teaches the group and the CN', async () => {
      const group = await fresh('kubelet-client-cert');
      await nodeCert(group, '/CN=system:node:node01/O=system:node');
      await failsWith('kubelet-client-cert', group, /the group is system:nodes/);
      const cn = await fresh('kubelet-client-cert');
      await nodeCert(cn, '/CN=node01/O=system:nodes');
      await failsWith('kubelet-client-cert', cn, /CN must be system:node:node01, found node01/);
    });
  });

  describe('apiserver-sans', () => {
    async function reissue(dir: string, sans: (old: string[], add: string[]) => string[], key = `${PKI}/apiserver.key`) {
      const {facts} = await readState(dir);
      const names = sans(facts.oldSans as string[], [String(facts.dns), String(facts.ip)]);
      const alt = names.map((s) => (/^[\d.:]+$/.test(s) ? `IP:${s}` : `DNS:${s}`)).join(',');
      await ossl(dir, 'req', '-new', '-key', key, '-subj', '/CN=kube-apiserver', '-out', 'apiserver.csr');
      await sign(dir, 'apiserver.csr', `${PKI}/apiserver.crt`, `${PKI}/ca`, `keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${alt}`);
    }
    it('passes when the new names are added and the old kept', async () => {
      const dir = await fresh('apiserver-sans');
      await failsWith('apiserver-sans', dir, /SANs missing/);
      await reissue(dir, (old, add) => [...old, ...add]);
      await passes('apiserver-sans', dir);
    });
    it('lists the old names that were dropped, and says when the key changed', async () => {
      const dropped = await fresh('apiserver-sans');
      await reissue(dropped, (_old, add) => add);
      await failsWith('apiserver-sans', dropped, /SANs missing: .*kubernetes\.default/);
      const newKey = await fresh('apiserver-sans');
      await ecKey(newKey, 'other.key');
      await reissue(newKey, (old, add) => [...old, ...add], 'other.key');
      await failsWith('apiserver-sans', newKey, /apiserver.key does not match/);
    });
  });

  describe('expired-certificate', () => {
    /** What a learner does: find the expired file with -checkend 0, then re-sign it from a request made of it. */
    async function renew(dir: string, how: {extensions?: boolean; ca?: string; days?: null} = {}) {
      const {facts} = await readState(dir);
      const file = String(facts.file);
      expect((await execa('openssl', ['x509', '-in', file, '-noout', '-checkend', '0'], {cwd: dir, reject: false})).exitCode).toBe(1);
      const key = file.replace(/\.crt$/, '.key');
      const ca = how.ca ?? String(facts.ca).replace(/\.crt$/, '');
      await ossl(dir, 'x509', '-x509toreq', '-in', file, '-signkey', key, '-out', 'renew.csr');
      const sans = (facts.sans as string[]).map((s) => (/^[\d.:]+$/.test(s) ? `IP:${s}` : `DNS:${s}`)).join(',');
      const ext = [`keyUsage=critical,digitalSignature,keyEncipherment`, `extendedKeyUsage=${(facts.eku as string[]).join(',')}`, ...(sans ? [`subjectAltName=${sans}`] : [])].join('\n');
      await sign(dir, 'renew.csr', file, ca, how.extensions === false ? undefined : ext, how.days === null ? null : 365);
    }
    it('fails expired, passes renewed in place with the same names', async () => {
      const dir = await fresh('expired-certificate');
      await failsWith('expired-certificate', dir, /expired on/);
      await renew(dir);
      await passes('expired-certificate', dir);
    });
    it('says when the renewal lost the extensions', async () => {
      const dir = await fresh('expired-certificate');
      await renew(dir, {extensions: false});
      await failsWith('expired-certificate', dir, /is v1 and has no extensions/);
    });
    it('names the CA that should have signed it, and the default 30 days of x509 -req', async () => {
      const wrongCa = await fresh('expired-certificate');
      const {facts} = await readState(wrongCa);
      const other = facts.ca === `${PKI}/ca.crt` ? `${PKI}/front-proxy-ca` : `${PKI}/ca`;
      await renew(wrongCa, {ca: other});
      await failsWith('expired-certificate', wrongCa, new RegExp(`signed by ${other}.crt, not ${String(facts.ca)}: ${String(facts.file)} must be signed by ${String(facts.ca)}`));
      const short = await fresh('expired-certificate');
      await renew(short, {days: null});
      await failsWith('expired-certificate', short, /valid for only 30\.0 more days: give -days/);
    });
    it('lists the SANs a renewal from a new request lost', async () => {
      // A lab whose expired certificate has SANs (the API server's or etcd's serving and peer certificates).
      let dir = '';
      for (let seed = 300; seed < 320 && !dir; seed++) {
        const candidate = await fresh('expired-certificate', seed);
        if (((await readState(candidate)).facts.sans as string[]).length) dir = candidate;
      }
      expect(dir).not.toBe('');
      const {facts} = await readState(dir);
      const file = String(facts.file);
      const subj = [`/CN=${String(facts.cn)}`, ...(facts.groups as string[]).map((g) => `/O=${g}`)].join('');
      await ossl(dir, 'req', '-new', '-key', file.replace(/\.crt$/, '.key'), '-subj', subj, '-out', 'renew.csr');
      await sign(dir, 'renew.csr', file, String(facts.ca).replace(/\.crt$/, ''), `keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=${(facts.eku as string[]).join(',')}`);
      await failsWith('expired-certificate', dir, /SANs missing: .*\(the certificate has no SAN extension at all\)/);
    });
  });

  describe('view-certificate-details', () => {
    async function answers(dir: string, change: Record<string, unknown> = {}) {
      const out = (args: string[]) => execa('openssl', args, {cwd: dir}).then((r) => r.stdout);
      const issuer = (await out(['x509', '-in', `${PKI}/apiserver.crt`, '-noout', '-issuer', '-nameopt', 'RFC2253'])).replace(/^issuer=CN=/, '');
      const sans = (await out(['x509', '-in', `${PKI}/apiserver.crt`, '-noout', '-ext', 'subjectAltName'])).split('\n')[1]!.trim();
      const end = (await out(['x509', '-in', `${PKI}/etcd/server.crt`, '-noout', '-enddate'])).replace('notAfter=', '');
      let expired = '';
      for (const f of ['apiserver', 'apiserver-kubelet-client', 'apiserver-etcd-client', 'front-proxy-client', 'etcd/server', 'etcd/peer']) {
        if ((await execa('openssl', ['x509', '-in', `${PKI}/${f}.crt`, '-noout', '-checkend', '0'], {cwd: dir, reject: false})).exitCode === 1) expired = `/${PKI}/${f}.crt`;
      }
      const doc = {apiserver_issuer_cn: issuer, apiserver_sans: sans.split(', '), etcd_server_not_after: end,
        apiserver_etcd_ca: `/${PKI}/etcd/ca.crt`, expired_certificate: expired, ...change};
      writeFileSync(join(dir, 'answers.yaml'), JSON.stringify(doc));
    }
    it('passes with the answers read by openssl', async () => {
      const dir = await fresh('view-certificate-details');
      await failsWith('view-certificate-details', dir, /answers.yaml is missing/);
      await answers(dir);
      await passes('view-certificate-details', dir);
    });
    it('corrects the docs’ CA name and a wrong CA file', async () => {
      const dir = await fresh('view-certificate-details');
      await answers(dir, {apiserver_issuer_cn: 'kubernetes-ca', apiserver_etcd_ca: `/${PKI}/ca.crt`});
      const msgs = failed(await checkLab('view-certificate-details', dir)).join('\n');
      expect(msgs).toMatch(/apiserver_issuer_cn: .*it is kubernetes/);
      expect(msgs).toMatch(/apiserver_etcd_ca: right file name, wrong folder/);
    });
  });

  describe('etcd-client', () => {
    const script = (dir: string, flags: string, endpoint = 'https://127.0.0.1:2379') =>
      writeFileSync(join(dir, 'etcdctl.sh'), `#!/bin/sh\n# etcd's health, as on the node\nETCDCTL_API=3 etcdctl --endpoints=${endpoint} \\\n  ${flags} endpoint health\n`);
    const RIGHT = `--cacert=/${PKI}/etcd/ca.crt --cert=/${PKI}/etcd/healthcheck-client.crt --key=/${PKI}/etcd/healthcheck-client.key`;
    /** The check with etcd hidden from PATH: graded by the files' roles only. */
    async function withoutEtcd(id: string, dir: string): Promise<CheckItem[]> {
      const path = process.env.PATH;
      process.env.PATH = '/nonexistent';
      try {
        return await checkLab(id, dir);
      } finally {
        process.env.PATH = path;
      }
    }
    const byId = (items: CheckItem[], id: string) => items.find((i) => i.id === id);

    it('fails untouched; passes with the etcd CA and the healthcheck client, run against a real etcd', async () => {
      const dir = await fresh('etcd-client');
      await failsWith('etcd-client', dir, /etcdctl.sh is missing/);
      script(dir, RIGHT);
      const items = await checkLab('etcd-client', dir);
      expect(failed(items)).toEqual([]);
      if (haveEtcd) {
        expect(byId(items, 'graded-by')!.message).toMatch(/against a real etcd started from etc\/kubernetes\/manifests\/etcd.yaml on 127\.0\.0\.1:\d+/);
        expect(byId(items, 'etcd')).toMatchObject({pass: true, message: expect.stringMatching(/healthy/)});
      }
    }, 60_000);

    it.runIf(haveEtcd)('refuses the cluster CA as --cacert, with etcd’s reason and the file’s role', async () => {
      const dir = await fresh('etcd-client');
      script(dir, `--cacert /${PKI}/ca.crt --cert /${PKI}/etcd/healthcheck-client.crt --key /${PKI}/etcd/healthcheck-client.key`);
      const items = await checkLab('etcd-client', dir);
      expect(byId(items, 'etcd')).toMatchObject({pass: false, message: expect.stringMatching(/did not answer healthy: etcdctl refused etcd’s server certificate: --cacert must be the CA that signed it \(remote error: tls: bad certificate\)/)});
      expect(byId(items, 'cacert')!.message).toMatch(/etcd’s server certificate \/etc\/kubernetes\/pki\/etcd\/server.crt is signed by \/etc\/kubernetes\/pki\/etcd\/ca.crt, not \/etc\/kubernetes\/pki\/ca.crt/);
    }, 60_000);

    it.runIf(haveEtcd)('refuses a client certificate of the cluster CA (apiserver-kubelet-client) as --cert', async () => {
      const dir = await fresh('etcd-client');
      script(dir, `--cacert /${PKI}/etcd/ca.crt --cert /${PKI}/apiserver-kubelet-client.crt --key /${PKI}/apiserver-kubelet-client.key`);
      const items = await checkLab('etcd-client', dir);
      expect(byId(items, 'etcd')).toMatchObject({pass: false, message: expect.stringMatching(/etcd refused the client certificate: it trusts only clients signed by its --trusted-ca-file \(.*certificate signed by unknown authority/)});
      expect(byId(items, 'cert')!.message).toMatch(/--cert \/etc\/kubernetes\/pki\/apiserver-kubelet-client.crt \(CN=kube-apiserver-kubelet-client\) is signed by \/etc\/kubernetes\/pki\/ca.crt, not \/etc\/kubernetes\/pki\/etcd\/ca.crt/);
      expect(byId(items, 'cacert')!.pass).toBe(true);
    }, 60_000);

    it.runIf(haveEtcd)('says plain http meets a TLS port, and that a key of another certificate does not match', async () => {
      const http = await fresh('etcd-client');
      script(http, RIGHT, 'http://127.0.0.1:2379');
      await failsWith('etcd-client', http, /etcdctl spoke plain http to etcd’s TLS port/);
      const key = await fresh('etcd-client');
      script(key, `--cacert=/${PKI}/etcd/ca.crt --cert=/${PKI}/etcd/healthcheck-client.crt --key=/${PKI}/etcd/peer.key`);
      await failsWith('etcd-client', key, /--key is not the key of --cert/);
    }, 60_000);

    it('without etcd, grades by the files’ roles and says so', async () => {
      const right = await fresh('etcd-client');
      script(right, RIGHT);
      const items = await withoutEtcd('etcd-client', right);
      expect(failed(items)).toEqual([]);
      expect(byId(items, 'graded-by')!.message).toMatch(/etcd is not installed here: graded by the files’ roles only/);
      const swapped = await fresh('etcd-client');
      script(swapped, `--cacert /${PKI}/etcd/server.crt --cert /${PKI}/etcd/ca.crt --key /${PKI}/etcd/ca.key`);
      const msgs = failed(await withoutEtcd('etcd-client', swapped)).join('\n');
      expect(msgs).toMatch(/--cacert \/etc\/kubernetes\/pki\/etcd\/server.crt is not a CA/);
      expect(msgs).toMatch(/--cert \/etc\/kubernetes\/pki\/etcd\/ca.crt is a CA certificate, not a client certificate/);
      const clusterCa = await fresh('etcd-client');
      script(clusterCa, `--cacert /${PKI}/ca.crt --cert /${PKI}/apiserver-kubelet-client.crt --key /${PKI}/apiserver-kubelet-client.key`);
      const wrong = failed(await withoutEtcd('etcd-client', clusterCa)).join('\n');
      expect(wrong).toMatch(/is signed by \/etc\/kubernetes\/pki\/etcd\/ca.crt, not \/etc\/kubernetes\/pki\/ca.crt/);
      expect(wrong).toMatch(/is signed by \/etc\/kubernetes\/pki\/ca.crt, not \/etc\/kubernetes\/pki\/etcd\/ca.crt: etcd trusts only clients/);
    });

    it('runs one etcdctl command only, never through a shell', async () => {
      const dir = await fresh('etcd-client');
      writeFileSync(join(dir, 'etcdctl.sh'), `etcdctl --endpoints=https://127.0.0.1:2379 ${RIGHT} endpoint health; rm -rf /\n`);
      await failsWith('etcd-client', dir, /one command without ";"/);
      writeFileSync(join(dir, 'etcdctl.sh'), `etcdctl --endpoints=https://127.0.0.1:2379 ${RIGHT} put /registry/x y\n`);
      await failsWith('etcd-client', dir, /the command must be etcdctl \.\.\. endpoint health, found put/);
      writeFileSync(join(dir, 'etcdctl.sh'), `ETCDCTL_CACERT=/${PKI}/etcd/ca.crt etcdctl --endpoints=https://127.0.0.1:2379 endpoint health\n`);
      await failsWith('etcd-client', dir, /ETCDCTL_CACERT before etcdctl: only ETCDCTL_API=3/);
      script(dir, RIGHT, 'https://10.0.0.1:2379');
      await failsWith('etcd-client', dir, haveEtcd ? /not run against etcd: --endpoints https:\/\/10.0.0.1:2379 is not this node’s etcd/ : /--endpoints https:\/\/10.0.0.1:2379/);
    }, 60_000);
  });
});

describe.runIf(tools)('fix-apiserver-manifest', () => {
  const MANIFEST = 'etc/kubernetes/manifests/kube-apiserver.yaml';
  /** A learner's fix: set each flag back by editing the YAML text in place. */
  function setFlag(dir: string, flag: string, value: string) {
    const path = join(dir, MANIFEST);
    writeFileSync(path, readFileSync(path, 'utf8').replace(new RegExp(`${flag}=\\S+`), `${flag}=${value}`));
  }
  it('fails broken, passes once every broken flag names the right file again', async () => {
    const dir = await fresh('fix-apiserver-manifest');
    const {facts} = await readState(dir);
    const broken = facts.broken as string[];
    expect(broken.length).toBeGreaterThanOrEqual(1);
    const msgs = failed(await checkLab('fix-apiserver-manifest', dir));
    expect(msgs.length).toBe(broken.length);
    for (const flag of broken) setFlag(dir, flag, (facts.expected as Record<string, string>)[flag]!);
    await passes('fix-apiserver-manifest', dir);
  });
  it('explains the wrong CA for etcd and a path that does not exist', async () => {
    const dir = await fresh('fix-apiserver-manifest');
    const {facts} = await readState(dir);
    for (const flag of facts.broken as string[]) setFlag(dir, flag, (facts.expected as Record<string, string>)[flag]!);
    setFlag(dir, '--etcd-cafile', `/${PKI}/ca.crt`);
    setFlag(dir, '--tls-cert-file', `/${PKI}/apiserver.pem`);
    const msgs = failed(await checkLab('fix-apiserver-manifest', dir)).join('\n');
    expect(msgs).toMatch(/--etcd-cafile must name \/etc\/kubernetes\/pki\/etcd\/ca.crt: \/etc\/kubernetes\/pki\/ca.crt is the ca certificate; etcd’s serving certificate is signed by the etcd CA/);
    expect(msgs).toMatch(/apiserver.pem does not exist on the node/);
  });
});
