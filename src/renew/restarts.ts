// Who must reload after a renewal, and how: the components whose manifest flags name a renewed file, plus those the
// file-flag table says read the renewed kinds (the kubelet, kube-proxy, kubectl). Programs read their certificates
// at start, so each must restart; a static pod restarts when its manifest leaves the manifests folder and returns.

import {basename, posix} from 'node:path';
import {treePath} from '../check/tree.js';
import type {CheckContext} from '../check/context.js';
import type {TreeCert} from '../check/model.js';
import {flagsReading, type Component} from '../pki/components.js';
import {STATIC_POD_COMPONENTS} from '../pki/config-files.js';
import {kindOf} from './kinds.js';
import type {Reissued} from './reissue.js';

const MANIFESTS = '/etc/kubernetes/manifests';
/** The kubelet notices a manifest gone within its file-check period (20 s); kubeadm's upgrade notes wait as long. */
const WAIT_SECONDS = 20;

export interface Restart {
  /** The node folder's name, when the tree has several. */
  node?: string;
  component: Component;
  /** The renewed files it reads (relative to the folder). */
  files: string[];
  /** Commands to run on the node, the first being the recommended one. */
  how: string[];
}

const isStaticPod = (c: Component): boolean => (STATIC_POD_COMPONENTS as readonly string[]).includes(c);

/** The commands that make `component` read its files again. */
export function howToRestart(component: Component, manifestPath?: string): string[] {
  if (isStaticPod(component)) {
    const file = manifestPath ?? `${MANIFESTS}/${component}.yaml`;
    const aside = posix.join(posix.dirname(posix.dirname(file)), basename(file));
    return [`mv ${file} ${aside} && sleep ${WAIT_SECONDS} && mv ${aside} ${file}`,
      `crictl stop $(crictl ps -q --name '^${component}$')   # the kubelet starts it again`];
  }
  const how: Partial<Record<Component, string[]>> = {
    kubelet: ['systemctl restart kubelet'],
    'kube-proxy': ['kubectl -n kube-system rollout restart daemonset kube-proxy   # or systemctl restart kube-proxy where it is a service'],
    kubectl: ['refresh every copy of it, e.g. cp /etc/kubernetes/admin.conf ~/.kube/config (chmod 600)'],
    etcdctl: ['nothing: etcdctl reads its files on each call'],
  };
  return how[component] ?? [`restart ${component}`];
}


export function restartsFor(ctx: CheckContext, renewed: readonly Reissued[]): Restart[] {
  const out = new Map<string, Restart>();
  const add = (copy: TreeCert, component: Component, manifest?: string) => {
    const node = ctx.tree.nodes.length > 1 ? (copy.node?.name ?? copy.node?.dir) : undefined;
    const key = `${node ?? ''}\u0000${component}`;
    const r = out.get(key) ?? {...(node ? {node} : {}), component, files: [], how: howToRestart(component, manifest)};
    if (!r.files.includes(copy.path)) r.files.push(copy.path);
    out.set(key, r);
  };
  for (const copy of renewed.flatMap((r) => r.target.copies)) {
    const files = new Set([copy.path, ...(copy.key ? [copy.key.path] : [])]);
    // The manifests on the copy's node that name one of its files.
    for (const m of ctx.tree.manifests.filter((x) => x.node === copy.node && x.node)) {
      if ([...m.flags.values()].some((v) => files.has(treePath(m.node!, v) ?? ''))) {
        add(copy, m.component as Component, posix.join(MANIFESTS, basename(m.path)));
      }
    }
    const kind = kindOf(ctx, copy)?.kind.id;
    if (!kind) continue;
    for (const use of flagsReading(kind).filter((u) => u.part !== 'cn')) {
      const manifest = ctx.tree.manifests.find((m) => m.node === copy.node && m.component === use.component);
      if (isStaticPod(use.component) && ctx.tree.manifests.length > 0 && !manifest) continue; // not run on this node
      add(copy, use.component, manifest ? posix.join(MANIFESTS, basename(manifest.path)) : undefined);
    }
  }
  return [...out.values()];
}
