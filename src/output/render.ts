// Turns each layout entry into its bytes from the material: PEM files, kubeconfigs and the README. One file at a
// time, as the writer asks for it: a 5,000-node tree is never held in memory whole.

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

/** Content that does not depend on keys (the README, installers, component configs): known before any key exists,
 *  so an identical file is no conflict. Undefined for files made from keys. Rendered on demand, one file at a time. */
export function fixedContent(model: PkiModel, entries: FileEntry[], entry: FileEntry): string | undefined {
  const s = entry.source;
  switch (s.type) {
    case 'readme':
      return renderTreeReadme(model, entries);
    case 'install':
      return renderInstallScript(model, entries, s.node);
    case 'config':
      return renderConfig(model, entries, s.config);
    default:
      return undefined;
  }
}

/** Renders one entry at a time; every certificate an entry needs must be in `material` by then. */
export function fileRenderer(model: PkiModel, entries: FileEntry[], material: Material): (entry: FileEntry) => RenderedFile {
  const kubeconfigs = new Map(model.kubeconfigs.map((k) => [k.id, k]));
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
        const kc = kubeconfigs.get(s.kubeconfig)!;
        const client = pair(kc.cert);
        return renderKubeconfig(kc, {caPem: pair(kc.authority).certPem, certPem: client.certPem, keyPem: client.keyPem});
      }
      default:
        return fixedContent(model, entries, entry)!;
    }
  };
  return (entry) => ({path: entry.path, content: content(entry), mode: entry.mode});
}

/** The certificates each entry's content is made from (none for the README, installers, configs and the SA key). */
export function certsNeeded(model: PkiModel): (entry: FileEntry) => string[] {
  const kubeconfigs = new Map(model.kubeconfigs.map((k) => [k.id, k]));
  return (entry) => {
    const s = entry.source;
    if (s.type === 'cert' || s.type === 'key') return [s.spec];
    if (s.type !== 'kubeconfig') return [];
    const kc = kubeconfigs.get(s.kubeconfig)!;
    return [kc.authority, kc.cert];
  };
}

export function* renderFiles(model: PkiModel, entries: FileEntry[], material: Material): Generator<RenderedFile> {
  const render = fileRenderer(model, entries, material);
  for (const entry of entries) yield render(entry);
}
