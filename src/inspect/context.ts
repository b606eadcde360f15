// What the readers of files that name other files (kubeconfigs, manifests) need from the walk: the report time
// and a way to follow a reference, mapped into the tree and read once.

import type {FileKind, FileRef} from './report.js';

export interface InspectContext {
  now: Date;
  /** Follows a path written in the file at `from`; `expects` flags a file of another kind. */
  ref: (value: string, from: string, expects?: FileKind | readonly FileKind[]) => Promise<FileRef>;
}

const ARTICLE: Partial<Record<FileKind, string>> = {
  'certificate': 'a certificate',
  'csr': 'a certificate signing request',
  'private-key': 'a private key',
  'public-key': 'a public key',
  'kubeconfig': 'a kubeconfig',
  'kubelet-config': 'a KubeletConfiguration',
  'manifest': 'a static pod manifest',
};

/** `a private key`: a kind in words, for "expected a certificate, found a private key". */
export const kindWords = (kind: FileKind): string => ARTICLE[kind] ?? (kind === 'unreadable' ? 'an unreadable file' : 'nothing inspect recognises');
