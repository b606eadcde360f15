// The PKI graph: the one model the map and the expiry timeline draw, whether it was built from a plan (the
// catalog) or from files on disk. Authorities, the certificates they sign, the programs that read them and one
// edge per flag that names a file. Pure data, no rendering.

import type {Component, FilePart} from '../pki/components.js';
import type {ExtUsage} from '../pki/model.js';

/** How a certificate is used: an authority signs, a client logs in, a server is dialled, a peer is both. */
export type CertRole = 'authority' | 'client' | 'server' | 'peer';

/** `planned`: from a plan, nothing on disk yet. The others describe a file that was read. */
export type Status = 'planned' | 'ok' | 'expiring' | 'expired' | 'missing' | 'faulty';

/** What the map says about a node or edge in words, for readers without colour. */
export const STATUS_TEXT: Record<Status, string> = {
  planned: 'planned',
  ok: 'ok',
  expiring: 'EXPIRING',
  expired: 'EXPIRED',
  missing: 'MISSING',
  faulty: 'FAULTY',
};

/** Statuses a reader must act on: the map and the timeline flag them in text and colour. */
export const ALARMING: ReadonlySet<Status> = new Set(['expiring', 'expired', 'missing', 'faulty']);

export interface MapCert {
  /** The catalog's spec id (`apiserver@cp-1`), or a name made from the file for a certificate no plan knows. */
  id: string;
  /** The catalog kind (`apiserver`), or `unknown`. */
  kind: string;
  role: CertRole;
  /** Id of the authority that signs it (itself for an authority). */
  issuer: string;
  cn: string;
  /** The subject's O values: the groups of a client certificate. */
  groups: string[];
  /** DNS names then IP addresses. */
  sans: string[];
  usages: ExtUsage[];
  node?: string;
  user?: string;
  notBefore: Date;
  notAfter: Date;
  /** Where the certificate is (or will be) found: its .crt, else the kubeconfig that embeds it. */
  file?: string;
  about: string;
  status: Status;
  /** Problems found with it, one line each (from `check`'s findings). */
  notes: string[];
}

export interface MapComponent {
  /** `kube-apiserver@cp-1`, `kubectl@john`, or the program alone. */
  id: string;
  program: Component;
  node?: string;
  user?: string;
}

export interface MapEdge {
  component: string;
  flag: string;
  part: FilePart;
  /** The certificate whose file the flag names, `sa` for the service-account key pair, '' for a missing file. */
  cert: string;
  /** The file as the flag names it, relative to the node's root (or the output folder). */
  file: string;
  status: Status;
  notes: string[];
}

export interface MapFinding {
  severity: 'error' | 'warning' | 'info';
  code: string;
  path: string;
  message: string;
}

export interface PkiGraph {
  title: string;
  source: 'plan' | 'files';
  /** The moment the graph describes: "today" on the timeline, the reference for expired and expiring. */
  now: Date;
  /** Authorities first, in signing order. */
  authorities: MapCert[];
  leaves: MapCert[];
  components: MapComponent[];
  edges: MapEdge[];
  /** Findings about files that belong to no certificate or component (shown in a list of their own). */
  findings: MapFinding[];
}

/** A leaf's role from its extended key usages. */
export function roleOf(isCA: boolean, usages: readonly ExtUsage[]): CertRole {
  if (isCA) return 'authority';
  const server = usages.includes('serverAuth');
  const client = usages.includes('clientAuth');
  return server && client ? 'peer' : server ? 'server' : 'client';
}

export const allCerts = (g: PkiGraph): MapCert[] => [...g.authorities, ...g.leaves];
export const leavesOf = (g: PkiGraph, authority: string): MapCert[] => g.leaves.filter((c) => c.issuer === authority);
export const edgesOf = (g: PkiGraph, component: string): MapEdge[] => g.edges.filter((e) => e.component === component);
export const edgesTo = (g: PkiGraph, cert: string): MapEdge[] => g.edges.filter((e) => e.cert === cert);
