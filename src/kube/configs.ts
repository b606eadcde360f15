// The text of each component config file (layout entries of type `config`), the same for both backends: static
// pods, kubelet configs and RBAC as YAML after a comment header, flags.md as Markdown. Pure: no keys needed.

import type {ConfigFile} from '../pki/config-files.js';
import type {FileEntry} from '../pki/layout.js';
import type {PkiModel} from '../pki/model.js';
import type {PlanNode} from '../plan/types.js';
import {blockYaml} from './block-yaml.js';
import {renderFlagsMd} from './manifests/flags-md.js';
import {kubeletConfig} from './manifests/kubelet-config.js';
import {RBAC_DOCS, userRbac} from './manifests/rbac.js';
import {staticPod} from './manifests/static-pods.js';

const header = (lines: readonly string[]): string => lines.map((l) => (l === '' ? '#' : `# ${l}`)).join('\n') + '\n';
const yamlDocs = (docs: readonly unknown[]): string => docs.map(blockYaml).join('---\n');

/** The plan's nodes by name, once per model: a plan with thousands of nodes renders thousands of configs. */
const nodeIndex = new WeakMap<PkiModel, Map<string, PlanNode>>();
function nodeOf(model: PkiModel, name: string): PlanNode {
  let index = nodeIndex.get(model);
  if (!index) nodeIndex.set(model, (index = new Map(model.plan.nodes.map((n) => [n.name, n]))));
  const node = index.get(name);
  if (!node) throw new Error(`internal: no node ${name}`);
  return node;
}

export function renderConfig(model: PkiModel, entries: readonly FileEntry[], config: ConfigFile): string {
  switch (config.what) {
    case 'static-pod': {
      const {pod, added} = staticPod(model, entries, config.component, nodeOf(model, config.node));
      const notes = [
        `${config.component} on ${config.node}: a static pod manifest as kubeadm writes it for Kubernetes ${model.plan.kubernetesVersion},`,
        'with this PKI\'s files. The kubelet runs it from its staticPodPath (/etc/kubernetes/manifests).',
        ...(added.length > 0 ? ['Flags kubeadm does not set:', ...added.map((a) => `  ${a}`)] : []),
      ];
      return header(notes) + blockYaml(pod);
    }
    case 'kubelet-config': {
      const {comments, config: doc} = kubeletConfig(model, entries, config.node);
      return header(comments) + blockYaml(doc);
    }
    case 'rbac': {
      const {comments, docs} = RBAC_DOCS[config.name];
      return header(comments) + yamlDocs(docs);
    }
    case 'rbac-user': {
      const user = model.plan.users.find((u) => u.name === config.user);
      if (!user) throw new Error(`internal: no user ${config.user}`);
      const {comments, docs} = userRbac(user);
      return header(comments) + yamlDocs(docs);
    }
    case 'flags':
      return renderFlagsMd(model, entries);
  }
}
