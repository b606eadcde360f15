// What `check` reads and what it reports: a tree of certificates, keys, kubeconfigs and manifests, each placed on a
// node and given the catalog role its path or content says; and findings, each a stable code on one file.

import type {KeyObject, X509Certificate} from 'node:crypto';
import type {KindId} from '../pki/catalog.js';
import type {CertSpec} from '../pki/model.js';
import type {ReadProfile} from '../x509/profile.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  /** Stable, kebab-case: scripts match on it (docs/check-json.md lists them). */
  code: string;
  /** The file, relative to the checked folder. */
  path: string;
  message: string;
  hint: string;
}

/** One node's files: a folder that mirrors a node's `/` (holds etc/kubernetes) or a copy of /etc/kubernetes. */
export interface NodeRoot {
  /** Relative to the checked folder, `/`-separated; '' for the folder itself. */
  dir: string;
  /** What absolute node paths map onto: `/` (dir mirrors the node) or `/etc/kubernetes` (dir is a copy of it). */
  mounts: '/' | '/etc/kubernetes';
  /** The node's name and address, as far as its files say them. */
  name?: string;
  address?: string;
}

export interface TreeCert {
  /** The file it was read from (a .crt, or the kubeconfig that embeds it). */
  path: string;
  node?: NodeRoot;
  pem: string;
  x509: X509Certificate;
  profile: ReadProfile;
  /** The catalog kind its place says it is, when it sits where kubeadm or kubepki puts one. */
  kind?: KindId;
  /** The spec the plan says it realises (with --plan). */
  spec?: CertSpec;
  /** Its private key: the .key beside it, the key in the same file, or the kubeconfig's; `key` is unset when the
   *  file holds one that cannot be opened (encrypted). */
  /** The private key and, when it could be read, its PEM block as the file holds it (renew swaps it in place). */
  key?: {path: string; key?: KeyObject; pem?: string};
  /** Where it was found inside a kubeconfig, or undefined for a .crt file. */
  kubeconfig?: KubeconfigFile;
}

export interface KubeconfigFile {
  path: string;
  server?: string;
  caPem?: string;
}

export interface ManifestFile {
  path: string;
  node?: NodeRoot;
  /** The container's name (the component: kube-apiserver, etcd, ...). */
  component: string;
  /** `--flag=value` pairs of the first container's command and args, in order; later ones win, as in Go's flag parsing. */
  flags: Map<string, string>;
}

export interface Tree {
  /** The checked folder, as given. */
  root: string;
  certs: TreeCert[];
  manifests: ManifestFile[];
  nodes: NodeRoot[];
  /** Files holding a private key: key files, and kubeconfigs with an embedded one. */
  secrets: Set<string>;
  /** Every regular file by relative path, with its permission bits. */
  modes: Map<string, number>;
  /** Files that look like PEM or YAML kubepki should read but could not: path → why. */
  unreadable: Map<string, string>;
}
