// Turns each layout entry into its bytes from the material: PEM files, kubeconfigs and the README.

import {renderKubeconfig} from '../kube/kubeconfig.js';
import type {FileEntry} from '../pki/layout.js';
import type {PkiModel} from '../pki/model.js';
import {renderTreeReadme} from '../pki/tree-readme.js';
import type {Material} from './material.js';

export interface RenderedFile {
  path: string;
  content: string;
  mode: number;
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
    }
  };
  return entries.map((entry) => ({path: entry.path, content: content(entry), mode: entry.mode}));
}
