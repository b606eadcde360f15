// flags.md of the flat layout: per node, the PKI flags of each program that runs there, naming the flat files
// where FLAT_NODE_DIR holds them on the node. Every line comes from FILE_FLAGS through the layout.

import {flagsOf, type Component} from '../../pki/components.js';
import {FLAT_NODE_DIR} from '../../pki/config-files.js';
import type {FileEntry} from '../../pki/layout.js';
import type {PkiModel} from '../../pki/model.js';
import {isControlPlane} from '../../plan/types.js';
import {flagValue} from '../node-paths.js';

const ON_CONTROL_PLANES: Component[] = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy', 'etcdctl'];
const ON_WORKERS: Component[] = ['kubelet', 'kube-proxy'];

export function renderFlagsMd(model: PkiModel, entries: readonly FileEntry[]): string {
  const {plan} = model;
  const lines = [
    `# Component flags for cluster "${plan.clusterName}" (flat layout)`,
    '',
    `Copy the files a node's programs name below into \`${FLAT_NODE_DIR}\` on that node (keys and kubeconfigs 0600),`,
    'then start each program with its flags. Config fields (no leading `--`) go into the file the program reads with',
    '`--config`: for the kubelet, the node\'s `kubelet-config-NODE.yaml` here already holds them. The static pod',
    'manifests here (`etcd*.yaml`, `kube-*.yaml`) carry the same flags, for a kubelet with `staticPodPath`.',
    'Flags kubeadm does not set are marked with why.',
    '',
  ];
  for (const node of plan.nodes) {
    lines.push(`## ${node.name} (${isControlPlane(node) ? 'control plane' : 'worker'}, ${node.address})`, '');
    for (const component of isControlPlane(node) ? ON_CONTROL_PLANES : ON_WORKERS) {
      // kubectl's lines are per kubeconfig, below.
      const uses = flagsOf(component);
      lines.push('```sh', `${component} \\`);
      uses.forEach((u, i) => {
        const value = flagValue(model, entries, node.name, u);
        const text = u.flag.startsWith('--') ? `${u.flag}=${value}` : `${u.flag}: ${value}   # config field`;
        lines.push(`  ${text}${i < uses.length - 1 ? ' \\' : ''}${u.kubeadm ? '' : `   # not set by kubeadm: ${u.why}`}`);
      });
      lines.push('```', '');
    }
  }
  lines.push('## kubectl', '', 'Each kubeconfig here holds its certificates; point kubectl at it:', '', '```sh');
  for (const e of entries) if (e.source.type === 'kubeconfig' && /^(admin|super-admin|users\/)/.test(e.path)) lines.push(`kubectl --kubeconfig ${e.path} get nodes`);
  lines.push('```', '');
  return lines.join('\n');
}
