// The Kubernetes releases kubepki writes component configs for, with what kubeadm pins per release. Read from
// kubeadm's code at kubernetes/kubernetes 898b9f8 (the v1.36 development branch, after v1.36.0-alpha.1):
// cmd/kubeadm/app/constants/constants.go (SupportedEtcdVersion, PauseVersion), phases/controlplane/manifests.go,
// phases/etcd/local.go. The newest stable release kubeadm supported there is v1.35, so it is the default.

import type {RuleViolation} from './hazards.js';

/** kubeadm's SupportedEtcdVersion at that commit: the etcd image tag per Kubernetes minor version. */
export const ETCD_IMAGE_TAGS: Readonly<Record<number, string>> = {34: '3.6.7-0', 35: '3.6.7-0', 36: '3.6.7-0'};
export const DEFAULT_KUBERNETES_VERSION = 'v1.35.0';

const VERSION = /^v1\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,3})$/;
const minors = () => Object.keys(ETCD_IMAGE_TAGS).map(Number);

/** The minor version of a valid `kubernetesVersion` (`v1.35.0` → 35). */
export function kubernetesMinor(version: string): number {
  const m = VERSION.exec(version);
  if (!m) throw new Error(`internal: ${version} is not a validated kubernetesVersion`);
  return Number(m[1]);
}

/** `kubernetesVersion`: a released version, `vMAJOR.MINOR.PATCH`, of a minor kubepki knows kubeadm's defaults for. */
export function kubernetesVersionRule(value: string): RuleViolation | undefined {
  const known = minors().map((n) => `v1.${n}`).join(', ');
  if (/^\d/.test(value) && VERSION.test(`v${value}`)) return {rule: 'lacks the leading v', hint: `write v${value}, as kubeadm and the image tags do`};
  const m = VERSION.exec(value);
  if (!m) return {rule: 'is not a Kubernetes release version', hint: `write vMAJOR.MINOR.PATCH, e.g. ${DEFAULT_KUBERNETES_VERSION} (no ranges, labels such as stable, or pre-releases)`};
  if (!minors().includes(Number(m[1]))) {
    return {rule: 'is a release kubepki has no kubeadm defaults for', hint: `use a ${known} release, e.g. ${DEFAULT_KUBERNETES_VERSION}: image tags and flags follow kubeadm's code for these`};
  }
  return undefined;
}
