// The file changes a renewal makes: in each file that holds a renewed certificate (or, with a new key, its key) the
// old PEM block is swapped for the new one, and in kubeconfigs the client-certificate-data (client-key-data) line;
// every other byte and the file's mode stay. Links are followed to their target inside the folder, never replaced.

import {readFile, realpath} from 'node:fs/promises';
import {isAbsolute, join, relative} from 'node:path';
import type {Tree, TreeCert} from '../check/model.js';
import type {RenderedFile} from '../output/render.js';
import type {RenewProblem} from './problem.js';
import type {Reissued} from './reissue.js';

const DATA_LINE = /^(\s*(client-certificate-data|client-key-data):\s*)(\S+)\s*$/gm;
const KEY_MODE = 0o600;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const decoded = (value: string) => Buffer.from(value.replace(/^["']|["']$/g, ''), 'base64').toString('utf8');

/** `text` with the embedded data `field` that contains `old` replaced by `pem` (kubeconfigs), or the PEM block itself. */
function swap(text: string, old: string, pem: string, field: 'client-certificate-data' | 'client-key-data', kubeconfig: boolean): string {
  if (!kubeconfig) return text.split(old).join(pem.trimEnd());
  return text.replace(DATA_LINE, (line, head: string, name: string, value: string) =>
    (name === field && decoded(value).includes(old) ? `${head}${b64(pem)}` : line));
}

interface Change {
  copy: TreeCert;
  part: 'cert' | 'key';
  pem: string;
}

function changesOf(r: Reissued): Change[] {
  return r.target.copies.flatMap((copy): Change[] => [
    {copy, part: 'cert', pem: r.certPem},
    ...(r.newKey && copy.key ? [{copy, part: 'key' as const, pem: r.newKey.privateKeyPem}] : []),
  ]);
}

/** Every file to write, by its real path inside the tree, with its new text and its current mode. */
export async function fileEdits(tree: Tree, renewed: readonly Reissued[]): Promise<{files: RenderedFile[]; problems: RenewProblem[]}> {
  const root = await realpath(tree.root);
  const texts = new Map<string, {text: string; mode: number; key: boolean}>();
  const problems: RenewProblem[] = [];
  for (const change of renewed.flatMap(changesOf)) {
    const shown = change.part === 'key' ? change.copy.key!.path : change.copy.path;
    const real = await realpath(join(tree.root, shown)).catch(() => undefined);
    const rel = real === undefined ? undefined : relative(root, real);
    if (rel === undefined || rel.startsWith('..') || isAbsolute(rel)) {
      problems.push({field: shown, message: `${shown} is a link to a file outside the folder; it is not changed`, hint: 'renew in the folder that holds the real file'});
      continue;
    }
    const entry = texts.get(rel) ?? {text: await readFile(real!, 'utf8'), mode: tree.modes.get(shown) ?? KEY_MODE, key: false};
    const old = change.part === 'key' ? change.copy.key!.pem! : change.copy.pem;
    const next = swap(entry.text, old, change.pem, change.part === 'key' ? 'client-key-data' : 'client-certificate-data', change.copy.kubeconfig !== undefined);
    texts.set(rel, {...entry, text: next, key: entry.key || change.part === 'key' || tree.secrets.has(shown)});
  }
  // A file that holds a key never becomes readable by others, whatever its mode was.
  const files = [...texts].map(([path, e]): RenderedFile => ({path, content: e.text, mode: e.key ? e.mode & KEY_MODE : e.mode}));
  return {files, problems};
}
