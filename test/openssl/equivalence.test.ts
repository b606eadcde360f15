// The proof that both backends agree: for several plans, native generation and the emitted script run with real openssl
// build the same tree — same files and modes, every certificate equal field by field (compareProfiles), chains
// that verify with -x509_strict on both sides, kubeconfigs identical but for their base64, the same README.

import {createPrivateKey, X509Certificate} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {parse} from 'yaml';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateNative} from '../../src/generate/native.js';
import {layoutFiles, certFiles, type FileEntry} from '../../src/pki/layout.js';
import type {PkiModel} from '../../src/pki/model.js';
import {resolve} from '../../src/pki/resolve.js';
import type {Plan} from '../../src/plan/types.js';
import {compareProfiles, readProfile} from '../../src/x509/profile.js';
import {hasBinary} from '../support/binaries.js';
import {foldersWithWrongMode, listTree, PLANS, runScript, tmpDirs, writeScript} from './helpers.js';
import {poolKeys} from '../support/key-pool.js';
import {KEY_SHAPES} from '../../src/plan/types.js';
import {profileOf} from '../../src/pki/profile.js';

const tools = hasBinary('openssl') && hasBinary('bash');
const tmp = tmpDirs('kubepki-equiv-');
afterAll(tmp.cleanup);

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');
const TOLERANCE_MS = 2 * 60_000;

interface Kubeconfig {
  clusters: {cluster: {'certificate-authority-data': string}}[];
  users: {user: {'client-certificate-data': string; 'client-key-data': string}}[];
}
const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
const kubeconfigPems = (text: string) => {
  const kc = parse(text) as Kubeconfig;
  return {ca: decode(kc.clusters[0]!.cluster['certificate-authority-data']), cert: decode(kc.users[0]!.user['client-certificate-data']), key: decode(kc.users[0]!.user['client-key-data'])};
};

/** Each certificate of the tree: from its file, or for kubeconfig-only clients, embedded in its first kubeconfig. */
function certificates(model: PkiModel, entries: FileEntry[], root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, path] of certFiles(entries)) out.set(id, read(root, path));
  for (const kc of model.kubeconfigs) {
    const entry = entries.find((e) => e.source.type === 'kubeconfig' && e.source.kubeconfig === kc.id);
    if (entry && !out.has(kc.cert)) out.set(kc.cert, kubeconfigPems(read(root, entry.path)).cert);
  }
  return out;
}

/** openssl verify -x509_strict for every certificate file, batched per issuer and purpose; returns failures. */
async function verifyTree(model: PkiModel, entries: FileEntry[], root: string): Promise<string[]> {
  const primary = certFiles(entries);
  const groups = new Map<string, string[]>();
  for (const e of entries) {
    if (e.source.type !== 'cert') continue;
    const spec = model.certs.find((c) => c.id === (e.source as {spec: string}).spec)!;
    const purpose = spec.isCA ? '' : spec.usages.includes('serverAuth') ? 'sslserver' : 'sslclient';
    const key = `${primary.get(spec.signer)}|${purpose}`;
    groups.set(key, [...(groups.get(key) ?? []), e.path]);
  }
  const failures: string[] = [];
  for (const [key, paths] of groups) {
    const [caPath, purpose] = key.split('|') as [string, string];
    const args = ['verify', '-x509_strict', ...(purpose ? ['-purpose', purpose] : []), '-CAfile', join(root, caPath), ...paths.map((p) => join(root, p))];
    const r = await execa('openssl', args, {reject: false, cwd: root});
    const ok = new Set(r.stdout.split('\n').filter((l) => l.endsWith(': OK')).map((l) => l.slice(0, -4)));
    for (const p of paths) if (!ok.has(join(root, p))) failures.push(`${p}: ${r.stderr.split('\n').slice(0, 2).join(' ')}`);
  }
  return failures;
}

for (const [name, makePlan] of Object.entries(PLANS)) {
  describe.skipIf(!tools)(`native and openssl agree: ${name}`, () => {
    let plan: Plan;
    let model: PkiModel;
    let entries: FileEntry[];
    let nativeOut: string;
    let scriptOut: string;
    let started: number;

    beforeAll(async () => {
      plan = makePlan();
      model = resolve(plan);
      entries = layoutFiles(model);
      const dir = tmp.make();
      nativeOut = join(dir, 'native');
      scriptOut = join(dir, 'openssl');
      const scriptDir = await writeScript(plan, join(dir, 'script'));
      started = Date.now();
      const [, run] = await Promise.all([generateNative({keys: poolKeys, plan, out: nativeOut}), runScript(scriptDir, scriptOut)]);
      if (run.exitCode !== 0) throw new Error(`generate-pki.sh failed (${run.exitCode}):\n${run.stderr}`);
    }, 300_000);

    it('lays out the same files and folders with the same modes (keys and kubeconfigs 0600, certs 0644, node folders 0755, people 0700)', () => {
      const native = listTree(nativeOut);
      expect(listTree(scriptOut)).toEqual(native);
      expect(native.length).toBeGreaterThan(entries.length);
      for (const e of entries) expect(native, e.path).toContain(`${e.path} ${e.mode.toString(8).padStart(4, '0')}`);
      expect(foldersWithWrongMode(native)).toEqual([]);
    });

    it('every certificate pair agrees field by field (compareProfiles)', () => {
      const native = certificates(model, entries, nativeOut);
      const script = certificates(model, entries, scriptOut);
      expect([...script.keys()].sort()).toEqual(model.certs.map((c) => c.id).sort());
      const differences: string[] = [];
      for (const spec of model.certs) {
        const diff = compareProfiles(readProfile(native.get(spec.id)!), readProfile(script.get(spec.id)!), {validityToleranceMs: TOLERANCE_MS});
        differences.push(...diff.map((d) => `${spec.id}: ${d}`));
      }
      expect(differences).toEqual([]);
    });

    it('realises each spec on the openssl side: v3, positive 16-byte serial, UTF8 names, AKI = issuer SKI, backdated 5 minutes', () => {
      const script = certificates(model, entries, scriptOut);
      for (const spec of model.certs) {
        const p = readProfile(script.get(spec.id)!);
        const issuer = readProfile(script.get(spec.signer)!);
        expect(p.version, spec.id).toBe(3);
        expect(p.serialPositive && p.serialHex.length === 32 && /^[4-7]/.test(p.serialHex), `${spec.id} serial ${p.serialHex}`).toBe(true);
        const expected = profileOf(spec, model.certs.find((c) => c.id === spec.signer)!);
        expect(p.signatureAlgorithm, spec.id).toBe(expected.signatureAlgorithm);
        expect(p.keyUsage, spec.id).toEqual(expected.keyUsage);
        expect(p.keyType, spec.id).toBe(KEY_SHAPES[spec.keyAlgorithm].type);
        expect(p.subject, spec.id).toEqual([...spec.subject.o.map((o) => ({type: 'O', value: o, tag: 'UTF8String'})), {type: 'CN', value: spec.subject.cn, tag: 'UTF8String'}]);
        expect(p.issuerDerHex, spec.id).toBe(issuer.subjectDerHex);
        expect(p.keyBits, spec.id).toBe(KEY_SHAPES[spec.keyAlgorithm].bits);
        if (spec.isCA) {
          expect(p.skiHex, spec.id).toBeDefined();
          expect(p.akiKeyIdHex, spec.id).toBeUndefined();
        } else {
          expect(p.skiHex, spec.id).toBeUndefined();
          expect(p.akiKeyIdHex, spec.id).toBe(issuer.skiHex);
          expect(p.authorityKeyId, spec.id).toEqual({keyId: true, issuerSerial: false});
        }
        expect(p.san ? {dns: p.san.dns, ips: p.san.ips} : undefined, spec.id).toEqual(spec.sans.dns.length + spec.sans.ips.length > 0 ? spec.sans : undefined);
        expect(Math.abs(p.notBefore.getTime() - (started - 5 * 60_000)), `${spec.id} notBefore`).toBeLessThan(TOLERANCE_MS);
        expect(Math.abs(p.notAfter.getTime() - p.notBefore.getTime() - (spec.validityHours * 3600_000 + 5 * 60_000)), `${spec.id} validity`).toBeLessThan(2_000);
      }
    });

    it('chains verify with openssl verify -x509_strict (and -purpose) on both sides', async () => {
      expect(await verifyTree(model, entries, nativeOut)).toEqual([]);
      expect(await verifyTree(model, entries, scriptOut)).toEqual([]);
    });

    it('kubeconfigs are identical but for the base64 data, and embed the tree’s own CA, certificate and key', () => {
      const blank = (text: string) => text.replace(/(-data: ).*$/gm, '$1…');
      const primary = certFiles(entries);
      for (const e of entries.filter((x) => x.source.type === 'kubeconfig')) {
        const text = read(scriptOut, e.path);
        expect(blank(text), e.path).toBe(blank(read(nativeOut, e.path)));
        const kc = model.kubeconfigs.find((k) => k.id === (e.source as {kubeconfig: string}).kubeconfig)!;
        const pems = kubeconfigPems(text);
        expect(pems.ca, e.path).toBe(read(scriptOut, primary.get(kc.authority)!));
        const certPath = primary.get(kc.cert);
        if (certPath) expect(pems.cert, e.path).toBe(read(scriptOut, certPath));
        const cert = new X509Certificate(pems.cert);
        expect(cert.checkIssued(new X509Certificate(pems.ca)), e.path).toBe(true);
        expect(cert.checkPrivateKey(createPrivateKey(pems.key)), e.path).toBe(true);
      }
    });

    it('writes kubeadm’s key form on both sides (PKCS#1 RSA or SEC1 EC) with LF, matching their certificates, an SPKI sa.pub, and the same README', () => {
      const label = KEY_SHAPES[plan.certificates.encryptionAlgorithm].type === 'ec' ? 'EC PRIVATE KEY' : 'RSA PRIVATE KEY';
      for (const e of entries.filter((x) => x.source.type === 'key' || x.source.type === 'sa-key')) {
        const key = read(scriptOut, e.path);
        for (const [side, text] of [['openssl', key], ['native', read(nativeOut, e.path)]] as const) {
          expect(text.startsWith(`-----BEGIN ${label}-----\n`) && !text.includes('\r'), `${side} ${e.path}`).toBe(true);
          const details = createPrivateKey(text).asymmetricKeyDetails;
          expect(details?.namedCurve ?? details?.modulusLength, `${side} ${e.path}`).toBe(KEY_SHAPES[plan.certificates.encryptionAlgorithm].type === 'ec'
            ? (KEY_SHAPES[plan.certificates.encryptionAlgorithm] as {opensslCurve: string}).opensslCurve : KEY_SHAPES[plan.certificates.encryptionAlgorithm].bits);
        }
        if (e.source.type === 'key') expect(new X509Certificate(read(scriptOut, e.path.replace(/\.key$/, '.crt'))).checkPrivateKey(createPrivateKey(key)), e.path).toBe(true);
      }
      const pub = entries.find((x) => x.source.type === 'sa-pub')!;
      expect(read(scriptOut, pub.path)).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
      expect(read(scriptOut, 'README.md')).toBe(read(nativeOut, 'README.md'));
    });
  });
}
