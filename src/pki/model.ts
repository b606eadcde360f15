// The resolved PKI: every authority, certificate, key pair and kubeconfig a Plan implies, as pure data.
// Backends realise it, layouts place it on disk, the wizard and lessons show it.

import type {KeyAlgorithm, Plan} from '../plan/types.js';

/** The three kubeadm authorities. With `authorities: single`, specs still name their kubeadm role here
 *  but `signer` on each spec is the authority that really signs (always `ca`). */
export type AuthorityId = 'ca' | 'etcd-ca' | 'front-proxy-ca';
export type ExtUsage = 'serverAuth' | 'clientAuth';

export interface Subject {
  /** Organisations in order; kubeadm writes each O before the CN (Go's pkix.Name order). */
  o: string[];
  cn: string;
}

export interface SubjectAltNames {
  dns: string[];
  ips: string[];
}

export interface CertSpec {
  /** Unique, filename-safe id: `ca`, `apiserver@cp-1`, `kubelet-client@node01`, `user@john`. */
  id: string;
  /** The catalog entry it comes from: `apiserver`, `kubelet-client`, `user`. */
  kind: string;
  /** One line: what the certificate is for (seed of the lesson text). */
  about: string;
  /** The node it belongs to, for per-node kinds. */
  node?: string;
  /** The user it belongs to, for `user` specs. */
  user?: string;
  isCA: boolean;
  /** Id of the spec that signs it (itself for authorities). */
  signer: string;
  subject: Subject;
  usages: ExtUsage[];
  sans: SubjectAltNames;
  /** For each SAN, why it is there (shown by the wizard and the lessons). */
  sanReasons: Record<string, string>;
  keyAlgorithm: KeyAlgorithm;
  /** Validity in hours (Go duration resolved). */
  validityHours: number;
  /** The component flags that consume the certificate and its key. */
  flags: string[];
}

export interface KeyPairSpec {
  /** `sa`: the service-account signing key pair (sa.key / sa.pub). */
  id: 'sa';
  about: string;
  keyAlgorithm: KeyAlgorithm;
  flags: string[];
}

export interface KubeconfigSpec {
  /** `admin.conf@cp-1`, `kubelet.conf@node01`, `kube-proxy`, `user@john`. */
  id: string;
  about: string;
  /** The client certificate it embeds. */
  cert: string;
  /** The authority whose certificate it embeds as certificate-authority-data. */
  authority: string;
  clusterName: string;
  /** https URL of the API server this kubeconfig talks to. */
  server: string;
  /** kubeadm names: user = CN, context = USER@CLUSTER. */
  userName: string;
  contextName: string;
  node?: string;
}

export interface PkiModel {
  plan: Plan;
  /** Authorities first, in signing order; then leaves. */
  certs: CertSpec[];
  keyPairs: KeyPairSpec[];
  kubeconfigs: KubeconfigSpec[];
}

/** `O=developers, O=qa, CN=john`: a subject as kubepki prints it everywhere, each O before the CN as kubeadm writes them. */
export const subjectText = (s: Subject): string => [...s.o.map((o) => `O=${o}`), `CN=${s.cn}`].join(', ');

export const authorities = (m: PkiModel): CertSpec[] => m.certs.filter((c) => c.isCA);
export const leaves = (m: PkiModel): CertSpec[] => m.certs.filter((c) => !c.isCA);
const byIdCache = new WeakMap<PkiModel, Map<string, CertSpec>>();

/** The spec with `id`, found through an index built once per model (emitting a large plan asks thousands of times). */
export function specById(m: PkiModel, id: string): CertSpec {
  let spec = byIdCache.get(m)?.get(id);
  if (spec?.id !== id) {
    // First call for this model, or its specs changed since the index was built: index again.
    byIdCache.set(m, new Map(m.certs.map((c) => [c.id, c])));
    spec = byIdCache.get(m)!.get(id);
  }
  if (!spec) throw new Error(`no certificate spec ${id}`);
  return spec;
}
