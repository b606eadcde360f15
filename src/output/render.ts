// Turns each layout entry into its bytes from the material: PEM files, kubeconfigs and the README.

import {renderKubeconfig} from '../kube/kubeconfig.js';
import type {FileEntry} from '../pki/layout.js';
import type {PkiModel} from '../pki/model.js';
import {renderTreeReadme} from '../pki/tree-readme.js';
import {renderInstallScript} from '../install/node-install.js';
import {renderConfig} from '../kube/configs.js';
import type {Material} from './material.js';

export interface RenderedFile {
  path: string;
  content: string;
  mode: number;
}

/** Content that does not depend on keys (the README, installers, component configs): known before any key exists, so an identical file is no conflict. */
export function fixedContent(model: PkiModel, entries: FileEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries) {
    if (e.source.type === 'readme') out.set(e.path, renderTreeReadme(model, entries));
    if (e.source.type === 'install') out.set(e.path, renderInstallScript(model, entries, e.source.node));
    if (e.source.type === 'config') out.set(e.path, renderConfig(model, entries, e.source.config));
  }
  return out;
}

export function renderFiles(model: PkiModel, entries: FileEntry[], material: Material): RenderedFile[] {
  const pair = (id: string) => {
    const p = material.certs.get(id);
    if (!p) throw new Error(`no material for ${id}`);
    return p;
  };
  const content = (entry: FileEntry): string => {
    const s = entry.source;
    switch (s.type) {
      case 'cert':
        return pair(s.spec).certPem;
      case 'key':
        return pair(s.spec).keyPem;
      case 'sa-key':
        return material.sa.privateKeyPem;
      case 'sa-pub':
        return material.sa.publicKeyPem;
      case 'kubeconfig': {
        const kc = model.kubeconfigs.find((k) => k.id === s.kubeconfig)!;
        const client = pair(kc.cert);
        return renderKubeconfig(kc, {caPem: pair(kc.authority).certPem, certPem: client.certPem, keyPem: client.keyPem});
      }
      case 'readme':
        return renderTreeReadme(model, entries);
      case 'install':
        return renderInstallScript(model, entries, s.node);
      case 'config':
        return renderConfig(model, entries, s.config);
    }
  };
  return entries.map((entry) => ({path: entry.path, content: content(entry), mode: entry.mode}));
}
