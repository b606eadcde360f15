// What `inspect` finds, as plain data: one object per file (or endpoint), ISO 8601 dates, stable field names.
// The --json output is exactly this shape (docs/inspect-json.md); `check` and the map read it too.

import type {KindId} from '../pki/catalog.js';
import type {Component, FilePart} from '../pki/components.js';

/** What a file holds, decided by its content (never its name). */
export type FileKind =
  | 'certificate'
  | 'csr'
  | 'private-key'
  | 'public-key'
  | 'kubeconfig'
  | 'kubelet-config'
  | 'manifest'
  | 'unknown'
  | 'unreadable';

/** The Kubernetes role a certificate looks like, from the catalog's identities. */
export interface Role {
  /** The catalog kind it matches, when it matches one. */
  kind?: KindId;
  /** `kubelet client for node01`, `user john in developers, qa`, `cluster CA`. */
  text: string;
  node?: string;
  user?: string;
  groups?: string[];
  /** `exact`: subject, usage and issuer agree with the kind; `likely`: the subject alone or the file name decided. */
  confidence: 'exact' | 'likely' | 'guess';
}

export interface NameSummary {
  cn?: string;
  /** Each O, in certificate order: the groups a client certificate puts its user in. */
  o: string[];
  /** `O=developers, CN=john`: every attribute in DER order. */
  text: string;
}

export interface KeyInfo {
  /** `RSA`, `EC`, `Ed25519`, … */
  algorithm: string;
  /** RSA modulus or EC curve size in bits (0 when unknown). */
  bits: number;
  /** `P-256`, `P-384` for EC keys. */
  curve?: string;
  /** SHA-256 of the DER SubjectPublicKeyInfo, hex: the same value for a certificate and its private key. */
  publicKeySha256: string;
}

/** Where in the tree something was found: a file, and for embedded data the kubeconfig field. */
export interface Location {
  path: string;
  /** Position in a bundle, 0 first. */
  index?: number;
  /** `users[0].user.client-certificate-data` for a certificate inside a kubeconfig. */
  field?: string;
}

/** The openssl command printing one field, beside that field (`openssl x509 -in F -noout -enddate`). */
export type OpensslCommands = Partial<Record<CertificateField, string>>;

export type CertificateField =
  | 'subject'
  | 'issuer'
  | 'dates'
  | 'sans'
  | 'serial'
  | 'key'
  | 'keyUsage'
  | 'extKeyUsage'
  | 'basicConstraints'
  | 'subjectKeyId'
  | 'authorityKeyId'
  | 'signatureAlgorithm'
  | 'fingerprint'
  | 'all';

export interface CertificateSummary {
  version: number;
  subject: NameSummary;
  issuer: NameSummary;
  /** Subject and issuer names are the same bytes. */
  selfIssued: boolean;
  notBefore: string;
  notAfter: string;
  validity: {
    state: 'valid' | 'expired' | 'not-yet-valid';
    /** Seconds from the report time to notAfter (negative when expired). */
    secondsLeft: number;
    /** `364d`, `9y`, `expired 3d ago` */
    text: string;
  };
  sans: {dns: string[]; ips: string[]; other: string[]};
  serialHex: string;
  key: KeyInfo;
  keyUsage?: {critical: boolean; usages: string[]};
  extKeyUsage?: {critical: boolean; usages: string[]};
  basicConstraints?: {critical: boolean; ca: boolean; pathLen?: number};
  isCA: boolean;
  skiHex?: string;
  akiKeyIdHex?: string;
  signatureAlgorithm: string;
  /** `AB:CD:…`, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprintSha256: string;
  role: Role;
  openssl: OpensslCommands;
  /** The certificate itself (public data), for callers that verify chains. */
  pem: string;
}

/** A key file's facts; an encrypted key shows only what its label says (no size, no hash). */
export interface KeySummary extends Partial<KeyInfo> {
  type: 'private' | 'public';
  algorithm: string;
  /** `pkcs1`, `pkcs8`, `sec1` (private); `spki`, `pkcs1` (public). */
  format: 'pkcs1' | 'pkcs8' | 'sec1' | 'spki';
  encrypted: boolean;
  /** The certificates in the report whose public key this is. */
  matches: (Location & {role: string})[];
  openssl?: string;
}

export interface CsrSummary {
  subject: NameSummary;
  sans: {dns: string[]; ips: string[]; other: string[]};
  key: KeyInfo;
  signatureAlgorithm: string;
  role: Role;
  openssl: string;
}

/** A file named inside a manifest, kubelet config or kubeconfig, and what is there. */
export interface FileRef {
  /** The value as written (`/etc/kubernetes/pki/ca.crt`). */
  value: string;
  /** Where it was looked for on this machine. */
  resolvedPath: string;
  /** How the node path was mapped: `--root`, a folder mirroring a node, a copy of /etc/kubernetes, as is, relative. */
  resolvedBy: 'root' | 'node-mirror' | 'etc-kubernetes-copy' | 'absolute' | 'relative';
  found: boolean;
  /** The referenced file's own report (absent when not found). */
  file?: FileReport;
  /** `missing`, or a file of another kind than the field needs. */
  problem?: string;
}

/** A certificate or key given inline (`client-certificate-data`) or by file (`client-certificate`). */
export interface Material {
  source: 'embedded' | 'file';
  /** For embedded data: the kubeconfig field (`users[0].user.client-certificate-data`). */
  field?: string;
  ref?: FileRef;
  certificates?: CertificateSummary[];
  key?: KeySummary;
  problem?: string;
}

export interface KubeconfigContext {
  name: string;
  current: boolean;
  cluster: {name: string; server?: string; ca?: Material; insecure?: boolean};
  user: {name: string; cert?: Material; key?: Material; keyMatchesCert?: boolean; other?: string};
}

export interface KubeconfigSummary {
  currentContext?: string;
  contexts: KubeconfigContext[];
}

/** One TLS flag (or KubeletConfiguration field) of a component and the file it names. */
export interface FlagUse {
  component: Component;
  flag: string;
  /** What the catalog says the flag reads: a part of a certificate kind. */
  expects: {source: KindId | 'sa'; part: FilePart; kind: FileKind | 'value'};
  value: string;
  ref?: FileRef;
}

/** Flags that work together (`--etcd-cafile`, `--etcd-certfile`, `--etcd-keyfile`), in one sentence. */
export interface FlagGroup {
  component: Component;
  flags: string[];
  text: string;
}

export interface ManifestSummary {
  /** The static pod's components (containers), usually one. */
  components: Component[];
  flags: FlagUse[];
  groups: FlagGroup[];
}

interface FileBase {
  /** The path as given or found while walking a folder. */
  path: string;
  /** What the file name suggests it holds, when it suggests anything. */
  nameSays?: FileKind;
  /** The name suggests another kind than the content holds (`a .crt holding a private key`). */
  nameLies?: boolean;
  /** Octal permission bits, `0600`. */
  mode?: string;
}

export type FileReport = FileBase &
  (
    | {kind: 'certificate'; format: 'pem' | 'der'; certificates: CertificateSummary[]; otherBlocks: string[]; key?: KeySummary}
    | {kind: 'csr'; format: 'pem' | 'der'; csr: CsrSummary}
    | {kind: 'private-key' | 'public-key'; format: 'pem' | 'der'; key: KeySummary}
    | {kind: 'kubeconfig'; kubeconfig: KubeconfigSummary}
    | {kind: 'manifest'; manifest: ManifestSummary}
    | {kind: 'kubelet-config'; manifest: ManifestSummary}
    | {kind: 'unknown'; note: string}
    | {kind: 'unreadable'; problem: string}
  );

export interface EndpointReport {
  endpoint: string;
  host: string;
  port: number;
  servername?: string;
  connected: boolean;
  problem?: string;
  chain: CertificateSummary[];
  /** The leaf covers the name dialled (its SANs, as Go checks them). */
  coversName?: boolean;
  /** Verification against --ca: undefined without --ca. */
  verified?: boolean;
  verifyError?: string;
  protocol?: string;
}

/** A path the caller gave that could not be read at all (missing, a link, unreadable): exit 2 at the CLI. */
export interface InputProblem {
  path: string;
  problem: string;
}

export interface InspectReport {
  /** The moment time left is measured from. */
  at: string;
  root?: string;
  files: FileReport[];
  endpoints: EndpointReport[];
  problems: InputProblem[];
}
