// openssl.cnf text and the commands per certificate: sections, subject order, SAN order, extension lines, and
// the allow-lists that make the emitter throw when a hostile value reaches it despite plan validation.

import {execa} from 'execa';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {UnsafeValueError} from '../../src/openssl/allow-list.js';
import {cnfFor, signingCnf} from '../../src/openssl/cnf.js';
import {opensslCommandsFor, opensslCommandsForSaKey} from '../../src/openssl/commands.js';
import {emitScript} from '../../src/openssl/emit.js';
import {specById} from '../../src/pki/model.js';
import {resolve} from '../../src/pki/resolve.js';
import {examplePlan} from '../../src/plan/defaults.js';
import {hasBinary} from '../support/binaries.js';
import {valid} from './helpers.js';
import {HOSTILE_MODELS} from './hostile-models.js';

const openssl = hasBinary('openssl');
const model = () => resolve(valid(examplePlan('ha')));
const section = (cnf: string, name: string): string[] => {
  const lines = cnf.split('\n');
  const start = lines.indexOf(`[ ${name} ]`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.startsWith('['));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l !== '' && !l.startsWith('#'));
};

describe('cnfFor', () => {
  it('says the CN is a user name only where the API server reads one, and never that SANs follow the plan’s order', () => {
    const m = model();
    const comment = (id: string) => cnfFor(m, id).split('\n').filter((l) => l.startsWith('# ')).join('\n');
    expect(comment('apiserver@cp-1')).toContain('clients check its SANs below, not this CN');
    expect(comment('apiserver@cp-1')).not.toMatch(/user name/);
    expect(comment('etcd-server@cp-1')).toContain('the CN is the etcd user');
    expect(comment('front-proxy-client@cp-1')).toContain('--requestheader-allowed-names');
    expect(comment('admin@cp-1')).toContain('reads the CN as the user name and each O as a group');
    for (const spec of m.certs) expect(cnfFor(m, spec.id), spec.id).not.toContain('plan’s order');
    // kubeadm sorts the apiserver's DNS names (RemoveDuplicateAltNames); the cnf lists them in the certificate's order.
    expect(section(cnfFor(m, 'apiserver@cp-1'), 'alt_names').filter((l) => l.startsWith('DNS.')).map((l) => l.split(' = ')[1]))
      .toEqual([...m.certs.find((c) => c.id === 'apiserver@cp-1')!.sans.dns].sort());
  });

  const m = model();

  it('writes a CA section like kubeadm: critical CA:TRUE, keyCertSign, SKI, no AKI, no EKU, DNS:<CN>', () => {
    const cnf = cnfFor(m, 'ca');
    expect(section(cnf, 'req')).toEqual(['prompt             = no', 'distinguished_name = dn', 'default_md         = sha256', 'utf8               = yes', 'string_mask        = utf8only']);
    expect(section(cnf, 'dn')).toEqual(['CN = kubernetes']);
    expect(section(cnf, 'v3_ca')).toEqual([
      'basicConstraints       = critical, CA:TRUE',
      'keyUsage               = critical, digitalSignature, keyEncipherment, keyCertSign',
      'subjectAltName         = @alt_names',
      'subjectKeyIdentifier   = hash',
      'authorityKeyIdentifier = none',
    ]);
    expect(section(cnf, 'alt_names')).toEqual(['DNS.1 = kubernetes']);
  });

  it('puts every group before the CN, numbered when repeated', () => {
    expect(section(cnfFor(m, 'user@jane'), 'dn')).toEqual(['0.O = developers', '1.O = ops', 'CN  = jane']);
    expect(section(cnfFor(m, 'kubelet-client@node01'), 'dn')).toEqual(['O  = system:nodes', 'CN = system:node:node01']);
  });

  it('lists SANs DNS first then IPs in the spec order, with no SKI and AKI = keyid on leaves', () => {
    const spec = specById(m, 'apiserver@cp-2');
    const cnf = cnfFor(m, spec.id);
    expect(section(cnf, 'alt_names')).toEqual([
      ...spec.sans.dns.map((d, i) => `DNS.${i + 1}`.padEnd(5) + ` = ${d}`),
      ...spec.sans.ips.map((ip, i) => `IP.${i + 1}`.padEnd(5) + ` = ${ip}`),
    ]);
    expect(section(cnf, 'v3_server')).toEqual([
      'basicConstraints       = critical, CA:FALSE',
      'keyUsage               = critical, digitalSignature, keyEncipherment',
      'extendedKeyUsage       = serverAuth',
      'subjectAltName         = @alt_names',
      'subjectKeyIdentifier   = none',
      'authorityKeyIdentifier = keyid',
    ]);
    expect(section(cnfFor(m, 'etcd-peer@cp-1'), 'v3_server_client')).toContain('extendedKeyUsage       = serverAuth, clientAuth');
    const client = cnfFor(m, 'admin@cp-1');
    expect(section(client, 'v3_client')).not.toContain('subjectAltName         = @alt_names');
    expect(section(client, 'alt_names')).toEqual([]);
  });

  it('keeps the signing database in the work folder and the request subject as is', () => {
    const cnf = signingCnf();
    expect(section(cnf, 'kubepki')).toEqual(expect.arrayContaining(['database        = ./ca-db/index.txt', 'copy_extensions = none', 'unique_subject  = no', 'preserve        = yes']));
  });
});

describe('opensslCommandsFor', () => {
  const m = model();

  it('gives key, request, signature and check with short quoted names', () => {
    const [key, req, sign, check] = opensslCommandsFor(m, 'apiserver@cp-1');
    expect(key).toBe("openssl genrsa -traditional -out 'apiserver@cp-1.key' 2048");
    expect(req).toBe("openssl req -new -key 'apiserver@cp-1.key' -config 'openssl/apiserver@cp-1.cnf' -out 'apiserver@cp-1.csr'");
    expect(sign).toContain("-cert 'ca.crt' -keyfile 'ca.key'");
    expect(sign).toContain('-startdate "$NOT_BEFORE" -enddate "$NOT_AFTER"');
    expect(sign).toContain("-extfile 'openssl/apiserver@cp-1.cnf' -extensions v3_server");
    expect(check).toBe("openssl x509 -noout -text -in 'apiserver@cp-1.crt'");
    expect(opensslCommandsFor(m, 'etcd-ca')[2]).toContain("-selfsign -keyfile 'etcd-ca.key'");
    expect(opensslCommandsFor(m, 'etcd-ca')[2]).toContain('-enddate "$CA_NOT_AFTER"');
    expect(opensslCommandsFor(m, 'apiserver-etcd-client@cp-1')[2]).toContain("-cert 'etcd-ca.crt' -keyfile 'etcd-ca.key'");
  });

  it('signs etcd and front-proxy leaves with the cluster CA under authorities: single', () => {
    const plan = examplePlan('single');
    plan.certificates.authorities = 'single';
    const single = resolve(valid(plan));
    expect(opensslCommandsFor(single, 'etcd-server@controlplane')[2]).toContain("-cert 'ca.crt' -keyfile 'ca.key'");
  });

  it('makes the service-account pair at the planned size', () => {
    const plan = examplePlan('single');
    plan.certificates.encryptionAlgorithm = 'RSA-4096';
    expect(opensslCommandsForSaKey(resolve(valid(plan)))).toEqual(["openssl genrsa -traditional -out 'sa.key' 4096", "openssl pkey -in 'sa.key' -pubout -out 'sa.pub'"]);
    expect(opensslCommandsForSaKey()[0]).toContain(' 2048');
    plan.certificates.encryptionAlgorithm = 'ECDSA-P384'; // kubeadm: sa.key follows encryptionAlgorithm
    expect(opensslCommandsForSaKey(resolve(valid(plan)))[0]).toBe("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 | openssl pkey -traditional -out 'sa.key'");
  });
});

describe.skipIf(!openssl)('the cnf files with real openssl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubepki-cnf-'));
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it('produce requests whose subject is exactly the spec, every attribute a UTF8String', async () => {
    const m = model();
    await execa('openssl', ['genrsa', '-traditional', '-out', join(dir, 'k.key'), '2048']);
    for (const id of ['ca', 'user@jane', 'kubelet-client@node02', 'apiserver@cp-1']) {
      writeFileSync(join(dir, 'x.cnf'), cnfFor(m, id));
      await execa('openssl', ['req', '-new', '-key', join(dir, 'k.key'), '-config', join(dir, 'x.cnf'), '-out', join(dir, 'x.csr')]);
      const subject = await execa('openssl', ['req', '-noout', '-subject', '-nameopt', 'sep_comma_plus_space,space_eq,sname', '-in', join(dir, 'x.csr')]);
      const spec = specById(m, id);
      expect(subject.stdout, id).toBe(`subject=${[...spec.subject.o.map((o) => `O = ${o}`), `CN = ${spec.subject.cn}`].join(', ')}`);
      const asn1 = await execa('openssl', ['asn1parse', '-in', join(dir, 'x.csr')]);
      const strings = asn1.stdout.split('\n').filter((l) => /STRING|PRINTABLE/.test(l) && !l.includes('BIT STRING'));
      expect(strings.length, id).toBe(spec.subject.o.length + 1);
      for (const l of strings) expect(l, id).toContain('UTF8STRING');
    }
  });
});

describe('allow-lists: a hostile value that reaches the emitter throws, nothing is emitted', () => {
  for (const [name, mutate] of HOSTILE_MODELS) {
    it(name, () => {
      const m = resolve(valid(examplePlan('single')));
      mutate(m);
      expect(() => emitScript(m)).toThrow(UnsafeValueError);
    });
  }
});
