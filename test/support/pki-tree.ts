// Reads a generated tree back: every certificate — files and those embedded in kubeconfigs — with the spec it
// should realise, its key and the certificate of the CA that signed it.

import {X509Certificate} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {parse} from 'yaml';
import {certFiles, layoutFiles, type FileEntry} from '../../src/pki/layout.js';
import type {CertSpec, PkiModel} from '../../src/pki/model.js';
import {resolve} from '../../src/pki/resolve.js';
import {canonicalIp} from '../../src/plan/net.js';
import type {Plan} from '../../src/plan/types.js';

export interface TreeCert {
  /** The file it was read from (a .crt, or the kubeconfig that embeds it). */
  path: string;
  spec: CertSpec;
  pem: string;
  cert: X509Certificate;
  keyPem?: string;
  /** The signer's certificate as the same tree holds it (its primary copy). */
  issuerPem: string;
}

const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');

export function readTree(out: string, plan: Plan): {model: PkiModel; entries: FileEntry[]; certs: TreeCert[]} {
  const model = resolve(plan);
  const entries = layoutFiles(model);
  const read = (p: string) => readFileSync(join(out, p), 'utf8');
  const primary = certFiles(entries);
  const spec = (id: string) => model.certs.find((c) => c.id === id)!;
  const certs: TreeCert[] = [];
  for (const entry of entries) {
    const s = entry.source;
    if (s.type === 'cert') {
      const pem = read(entry.path);
      const keyPath = entries.find((k) => k.source.type === 'key' && k.source.spec === s.spec && k.path.replace(/\.key$/, '.crt') === entry.path)?.path;
      certs.push({path: entry.path, spec: spec(s.spec), pem, cert: new X509Certificate(pem), keyPem: keyPath && read(keyPath),
        issuerPem: read(primary.get(spec(s.spec).signer)!)});
    } else if (s.type === 'kubeconfig') {
      const kc = model.kubeconfigs.find((k) => k.id === s.kubeconfig)!;
      if (primary.has(kc.cert)) continue; // also a file of its own, checked there
      const doc = parse(read(entry.path));
      const pem = b64(doc.users[0].user['client-certificate-data']);
      certs.push({path: entry.path, spec: spec(kc.cert), pem, cert: new X509Certificate(pem),
        keyPem: b64(doc.users[0].user['client-key-data']), issuerPem: read(primary.get(spec(kc.cert).signer)!)});
    }
  }
  return {model, entries, certs};
}

/** Subject text as node:crypto prints it: one `TYPE=value` per line, in DER order. */
export function expectedSubject(spec: CertSpec): string {
  return [...spec.subject.o.map((o) => `O=${o}`), `CN=${spec.subject.cn}`].join('\n');
}

/** SANs as node:crypto prints them, IPs made canonical (it prints IPv6 upper-case and uncompressed). */
export function sanSet(cert: X509Certificate): {dns: string[]; ips: string[]} {
  const parts = (cert.subjectAltName ?? '').split(', ').filter(Boolean);
  return {
    dns: parts.filter((p) => p.startsWith('DNS:')).map((p) => p.slice(4)),
    ips: parts.filter((p) => p.startsWith('IP Address:')).map((p) => canonicalIp(p.slice(11)) ?? p.slice(11)),
  };
}
