// "Changed nothing", checkable: everything below a folder with its kind, mode, owner, mtime and content digest.

import {createHash} from 'node:crypto';
import {lstatSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';

export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(root, path));
      const kind = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'special';
      const digest = kind === 'file' ? createHash('sha256').update(readFileSync(join(root, path))).digest('hex').slice(0, 16) : '';
      out[path] = `${kind} ${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid} ${st.mtimeMs} ${digest}`;
      if (kind === 'dir') walk(path);
    }
  };
  walk('');
  return out;
}
