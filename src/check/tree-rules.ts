// Rules about the tree as a whole: file modes, the manifests' file flags (from the one flag table), authorities
// kubeadm keeps apart, kubeconfigs trusting the right CA, and files that could not be read.

import {X509Certificate} from 'node:crypto';
import {FILE_FLAGS, type FileFlag} from '../pki/components.js';
import {kindById, SA_KEY_PAIR} from '../pki/catalog.js';
import {SECRET_MODE} from '../pki/layout.js';
import {finding, type CheckContext, type Rule} from './context.js';
import type {Finding, ManifestFile, TreeCert} from './model.js';
import {kindAt, nodePath, treePath} from './tree.js';

const modeText = (m: number) => m.toString(8).padStart(4, '0');

const modes: Rule = ({tree}) => {
  return [...tree.secrets].flatMap((path): Finding[] => {
    const mode = tree.modes.get(path);
    if (mode === undefined || (mode & 0o077) === 0) return [];
    const what = path.endsWith('.key') ? 'private key' : 'file holding a private key';
    return [finding((mode & 0o007) !== 0 ? 'error' : 'warning', 'file-mode', path,
      `this ${what} has mode ${modeText(mode)}: ${(mode & 0o007) !== 0 ? 'every user of the machine' : 'its group'} can read it`,
      `chmod ${modeText(SECRET_MODE)} ${path} (kubeadm writes keys and kubeconfigs ${modeText(SECRET_MODE)})`)];
  });
};

/** The node path kubeadm gives a flag's file: `/etc/kubernetes/pki/etcd/ca.crt`. */
function kubeadmFile(use: FileFlag): string | undefined {
  if (use.source === 'sa') return `/${SA_KEY_PAIR.kubeadmPath}.${use.part === 'pub' ? 'pub' : 'key'}`;
  const kind = kindById(use.source);
  if (use.part === 'kubeconfig') return kind.kubeconfig?.kubeadmPath && `/${kind.kubeconfig.kubeadmPath}`;
  return kind.kubeadmPath && `/${kind.kubeadmPath}.${use.part === 'key' ? 'key' : 'crt'}`;
}

const FILE_PARTS = new Set(['cert', 'key', 'kubeconfig', 'pub']);

function manifestFindings({tree}: CheckContext, m: ManifestFile): Finding[] {
  if (!m.node) return [];
  const out: Finding[] = [];
  for (const use of FILE_FLAGS.filter((f) => f.component === m.component && FILE_PARTS.has(f.part))) {
    const value = m.flags.get(use.flag);
    if (value === undefined || value === '') continue;
    const rel = treePath(m.node, value);
    const expected = kubeadmFile(use);
    const fix = expected ? `${use.flag}=${expected}` : `point ${use.flag} at the right file`;
    if (rel === undefined) continue; // outside the copied folder: nothing to compare
    if (!tree.modes.has(rel)) {
      out.push(finding('error', 'manifest-missing-file', m.path, `${m.component} ${use.flag} names ${value}, which does not exist`,
        `${m.component} will not start; ${expected && expected !== value ? `kubeadm uses ${fix}` : 'restore the file'}`));
      continue;
    }
    if (use.source === 'sa' || use.part === 'pub') continue;
    // The kind kubeadm keeps at the named place (a key names its certificate's kind).
    const at = kindAt(use.part === 'key' ? nodePath(m.node, rel).replace(/\.key$/, '.crt') : nodePath(m.node, rel));
    if (at !== undefined && at !== use.source) {
      out.push(finding('error', 'manifest-wrong-file', m.path,
        `${m.component} ${use.flag} names ${value}, ${kindById(at).id}'s file; it should name ${use.source}'s (${kindById(use.source).about})`,
        fix));
    }
  }
  return out;
}

const manifests: Rule = (ctx) => ctx.tree.manifests.flatMap((m) => manifestFindings(ctx, m));

/** kubeadm keeps three authorities; one CA in their place lets any certificate it signs into etcd. */
const sharedAuthorities: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const node of ctx.tree.nodes) {
    const ca = ctx.tree.certs.find((c) => c.node === node && c.kind === 'ca');
    if (!ca) continue;
    for (const other of ctx.tree.certs.filter((c) => c.node === node && (c.kind === 'etcd-ca' || c.kind === 'front-proxy-ca'))) {
      if (!other.x509.publicKey.equals(ca.x509.publicKey)) continue;
      const deliberate = ctx.exp.fromPlan && ctx.exp.model.plan.certificates.authorities === 'single';
      out.push(finding(deliberate ? 'info' : 'warning', 'authority-shared', other.path,
        `${other.kind} is the cluster CA (${ca.path}): ${other.kind === 'etcd-ca'
          ? 'any certificate the cluster CA signs (every kubelet, every user) can read and write etcd'
          : 'any client certificate of the cluster CA can act as the front proxy and claim any user'}`,
        deliberate ? 'the plan asks for one authority (authorities: single)' : 'kubeadm keeps three authorities: give it its own CA and re-issue what it signs'));
    }
  }
  return out;
};

const kubeconfigCa: Rule = (ctx) => {
  // Every kubeconfig of a tree embeds the same CA or nearly: each distinct text is parsed once.
  const trusted = new Map<string, boolean>();
  const sameKey = (caPem: string, ca: TreeCert): boolean => {
    const memo = `${ca.path}\n${caPem}`;
    let same = trusted.get(memo);
    if (same === undefined) {
      try {
        same = ca.x509.publicKey.equals(new X509Certificate(caPem).publicKey);
      } catch {
        same = false;
      }
      trusted.set(memo, same);
    }
    return same;
  };
  return ctx.tree.certs.flatMap((c): Finding[] => {
    const kc = c.kubeconfig;
    const ca = ctx.tree.certs.find((o) => o.node === c.node && o.kind === 'ca');
    if (!kc?.caPem || !ca || sameKey(kc.caPem, ca)) return [];
    return [finding('error', 'kubeconfig-ca', kc.path, `the CA this kubeconfig trusts is not the cluster CA (${ca.path})`,
      `the client will refuse the API server's certificate: embed ${ca.path} as certificate-authority-data`)];
  });
};

const unreadable: Rule = ({tree}) => [...tree.unreadable].map(([path, why]) =>
  finding('error', 'file-unreadable', path, `looks like a certificate, key, kubeconfig or manifest but cannot be read: ${why}`,
    'check that the file is complete (copy errors, a truncated paste)'));

export const TREE_RULES: readonly Rule[] = [modes, manifests, sharedAuthorities, kubeconfigCa, unreadable];
