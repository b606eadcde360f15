// Paths inside manifests and kubeconfigs are absolute on a node (/etc/kubernetes/pki/ca.crt). Read from a copy,
// they are mapped into it: `--root DIR`, else the nearest folder above the file that mirrors a node
// (DIR/etc/kubernetes/…, as kubepki's kubeadm layout writes) or is a copy of /etc/kubernetes; else as written.

import {lstat} from 'node:fs/promises';
import {dirname, isAbsolute, join, parse, resolve} from 'node:path';
import type {FileRef} from './report.js';

export const ETC_KUBERNETES = '/etc/kubernetes';

export type Resolved = Pick<FileRef, 'resolvedPath' | 'resolvedBy' | 'found'>;

const exists = async (p: string): Promise<boolean> => lstat(p).then(() => true, () => false);

/** Where to look for `value` (named in the file at `from`), in order of preference. */
function candidates(value: string, from: string, root?: string): Pick<FileRef, 'resolvedPath' | 'resolvedBy'>[] {
  if (!isAbsolute(value)) return [{resolvedPath: resolve(dirname(from), value), resolvedBy: 'relative'}];
  const underEtc = value.startsWith(`${ETC_KUBERNETES}/`) ? value.slice(ETC_KUBERNETES.length) : undefined;
  if (root !== undefined) {
    const base = resolve(root);
    return [
      {resolvedPath: join(base, value), resolvedBy: 'root'},
      ...(underEtc ? [{resolvedPath: join(base, underEtc), resolvedBy: 'root' as const}] : []),
    ];
  }
  const out: Pick<FileRef, 'resolvedPath' | 'resolvedBy'>[] = [];
  const top = parse(resolve(from)).root;
  for (let dir = dirname(resolve(from)); dir !== top; dir = dirname(dir)) {
    out.push({resolvedPath: join(dir, value), resolvedBy: 'node-mirror'});
    // A folder that ends in etc/kubernetes is a node's own: the file sits where a mirror puts it.
    if (underEtc) out.push({resolvedPath: join(dir, underEtc), resolvedBy: dir.endsWith(ETC_KUBERNETES) ? 'node-mirror' : 'etc-kubernetes-copy'});
  }
  return out;
}

/** The first candidate that exists; when none does, where the file should have been (the best guess). */
export async function resolveNodePath(value: string, from: string, root?: string): Promise<Resolved> {
  const all = candidates(value, from, root);
  for (const c of all) {
    if (c.resolvedPath === value) continue; // the machine's own path: tried last
    if (await exists(c.resolvedPath)) return {...c, found: true};
  }
  if (root === undefined && isAbsolute(value) && (await exists(value))) return {resolvedPath: value, resolvedBy: 'absolute', found: true};
  return {...bestGuess(value, from, root, all), found: false};
}

/** A missing file is reported where the tree's own shape says it belongs. */
function bestGuess(value: string, from: string, root: string | undefined, all: Pick<FileRef, 'resolvedPath' | 'resolvedBy'>[]): Pick<FileRef, 'resolvedPath' | 'resolvedBy'> {
  if (root !== undefined || !isAbsolute(value)) return all[0]!;
  const abs = resolve(from);
  const at = abs.indexOf(`${ETC_KUBERNETES}/`);
  if (at > 0) return {resolvedPath: join(abs.slice(0, at), value), resolvedBy: 'node-mirror'};
  return {resolvedPath: value, resolvedBy: 'absolute'};
}
