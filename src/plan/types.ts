// The Plan: the user's intent, in kubeadm's vocabulary. Everything else (catalog, backends, wizard)
// reads this shape; validation (validate.ts) is the only way an untrusted value becomes a Plan.

export type NodeRole = 'control-plane' | 'worker';
export type Layout = 'kubeadm' | 'flat';
export type Authorities = 'separate' | 'single';
export type KeyAlgorithm = 'RSA-2048' | 'RSA-3072' | 'RSA-4096';

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

export const KEY_ALGORITHMS: readonly KeyAlgorithm[] = ['RSA-2048', 'RSA-3072', 'RSA-4096'];
/** The modulus size each algorithm names; both backends read it from here. */
export const RSA_BITS: Readonly<Record<KeyAlgorithm, 2048 | 3072 | 4096>> = {'RSA-2048': 2048, 'RSA-3072': 3072, 'RSA-4096': 4096};
export const LAYOUTS: readonly Layout[] = ['kubeadm', 'flat'];
export const AUTHORITY_MODES: readonly Authorities[] = ['separate', 'single'];
export const NODE_ROLES: readonly NodeRole[] = ['control-plane', 'worker'];

/** The one test for a control-plane node: it runs the API server and etcd, and gets their certificates. */
export const isControlPlane = (node: Pick<PlanNode, 'role'>): boolean => node.role === 'control-plane';
export const controlPlanes = (plan: Pick<Plan, 'nodes'>): PlanNode[] => plan.nodes.filter(isControlPlane);
