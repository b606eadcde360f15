// The Plan: the user's intent, in kubeadm's vocabulary. Everything else (catalog, backends, wizard)
// reads this shape; validation (validate.ts) is the only way an untrusted value becomes a Plan.

export type NodeRole = 'control-plane' | 'worker';
export type Layout = 'kubeadm' | 'flat';
export type Authorities = 'separate' | 'single';
export type KeyAlgorithm = 'RSA-2048' | 'RSA-3072' | 'RSA-4096' | 'ECDSA-P256' | 'ECDSA-P384';

export interface PlanNode {
  name: string;
  address: string;
  role: NodeRole;
}

export interface PlanUser {
  name: string;
  groups: string[];
  /** An explicit opt-in for groups starting with `system:` (system:masters cannot be revoked). */
  allowSystemGroups?: boolean;
}

export interface Plan {
  apiVersion: 'kubepki/v1';
  kind: 'ClusterPKI';
  clusterName: string;
  /** The release the component configs are written for (image tags, kubeadm's non-PKI flags): `v1.35.0`. */
  kubernetesVersion: string;
  controlPlaneEndpoint: string;
  networking: {serviceSubnet: string; dnsDomain: string};
  nodes: PlanNode[];
  users: PlanUser[];
  apiServer: {certSANs: string[]};
  certificates: {
    layout: Layout;
    authorities: Authorities;
    encryptionAlgorithm: KeyAlgorithm;
    certificateValidityPeriod: string;
    caCertificateValidityPeriod: string;
  };
}

/** One problem with one field: the shape every input rule reports in, from plan files to wizard fields. */
export interface FieldProblem {
  /** Where: `nodes[1].address`, `certificates.encryptionAlgorithm`. */
  path: string;
  /** The offending value, already escaped and truncated for display. */
  value: string;
  /** The rule it breaks, in a few words. */
  rule: string;
  /** What to do instead. */
  hint: string;
}

/** kubeadm's `encryptionAlgorithm` values, in the order kubeadm documents them (RSA-2048 is its default). */
export const KEY_ALGORITHMS: readonly KeyAlgorithm[] = ['RSA-2048', 'RSA-3072', 'RSA-4096', 'ECDSA-P256', 'ECDSA-P384'];

/** What a key algorithm makes: an RSA modulus of `bits`, or a key on a NIST curve of `bits`. */
export type KeyShape =
  | {type: 'rsa'; bits: 2048 | 3072 | 4096}
  | {type: 'ec'; bits: 256 | 384; curve: 'P-256' | 'P-384'; opensslCurve: 'prime256v1' | 'secp384r1'};

/** Each algorithm's key, read by both backends, the reader's expectations and the reuse rules. */
export const KEY_SHAPES: Readonly<Record<KeyAlgorithm, KeyShape>> = {
  'RSA-2048': {type: 'rsa', bits: 2048},
  'RSA-3072': {type: 'rsa', bits: 3072},
  'RSA-4096': {type: 'rsa', bits: 4096},
  'ECDSA-P256': {type: 'ec', bits: 256, curve: 'P-256', opensslCurve: 'prime256v1'},
  'ECDSA-P384': {type: 'ec', bits: 384, curve: 'P-384', opensslCurve: 'secp384r1'},
};

/** `rsa`, `EC P-256`: how messages and both backends' reuse checks name a key's type (curve included). */
export const keyTypeName = (shape: KeyShape): string => (shape.type === 'ec' ? `EC ${shape.curve}` : 'rsa');
export const LAYOUTS: readonly Layout[] = ['kubeadm', 'flat'];
export const AUTHORITY_MODES: readonly Authorities[] = ['separate', 'single'];
export const NODE_ROLES: readonly NodeRole[] = ['control-plane', 'worker'];

/** The one test for a control-plane node: it runs the API server and etcd, and gets their certificates. */
export const isControlPlane = (node: Pick<PlanNode, 'role'>): boolean => node.role === 'control-plane';
export const controlPlanes = (plan: Pick<Plan, 'nodes'>): PlanNode[] => plan.nodes.filter(isControlPlane);
