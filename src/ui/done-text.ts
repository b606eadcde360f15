// The Done screen's text for both front ends: what was written where, which node each folder goes to,
// the component flags that read each file, and what to do next.

import {basename, isAbsolute, relative} from 'node:path';
import {layoutFiles, type FileEntry} from '../pki/layout.js';
import {groupFiles} from './summary.js';
import type {ProduceResult} from './produce.js';
import {specId} from '../pki/catalog.js';
import {specById} from '../pki/model.js';
import {readByText} from '../pki/components.js';
import {controlPlanes} from '../plan/types.js';
import {aboutConfig} from '../pki/tree-readme.js';
import {RBAC_FOLDER} from '../pki/config-files.js';
import {graphFromPlan} from '../map/from-plan.js';
import {mapLines} from '../map/terminal.js';

export interface DoneLine {
  text: string;
  style?: 'title' | 'ok' | 'dim' | 'path';
}

/** `apiserver.crt` + `apiserver.key` → one line `apiserver.{crt,key}`. */
function pairUp(files: FileEntry[]): {name: string; entry: FileEntry}[] {
  const out: {name: string; entry: FileEntry}[] = [];
  for (const e of files) {
    if (e.source.type === 'key' && files.some((f) => f.source.type === 'cert' && f.path === e.path.replace(/\.key$/, '.crt'))) continue;
    const hasKey = e.source.type === 'cert' && files.some((f) => f.source.type === 'key' && f.path === e.path.replace(/\.crt$/, '.key'));
    out.push({name: hasKey ? e.path.replace(/\.crt$/, '.{crt,key}') : e.path, entry: e});
  }
  return out;
}

function usedBy(result: ProduceResult, e: FileEntry, entries: FileEntry[]): string {
  const s = e.source;
  if (s.type === 'cert' || s.type === 'key') {
    const spec = result.model.certs.find((c) => c.id === s.spec);
    if (!spec) return '';
    // A client certificate reaches its program inside a kubeconfig: name that file as this layout writes it.
    const kubeconfigs = result.model.kubeconfigs.filter((k) => k.cert === spec.id)
      .map((k) => entries.find((x) => x.source.type === 'kubeconfig' && x.source.kubeconfig === k.id)?.path)
      .filter((p): p is string => Boolean(p)).map((p) => p.slice(p.lastIndexOf('/') + 1));
    return `${spec.flags.join('; ')}${kubeconfigs.length ? ` (embedded in ${kubeconfigs.join(', ')})` : ''}`;
  }
  if (s.type === 'sa-key' || s.type === 'sa-pub') return readByText('sa', undefined, [s.type === 'sa-key' ? 'key' : 'pub']).join('; ');
  if (s.type === 'kubeconfig') return result.model.kubeconfigs.find((k) => k.id === s.kubeconfig)?.about ?? '';
  if (s.type === 'config') return aboutConfig(s.config);
  if (s.type === 'install') return 'run as root on the node: puts these files in place (--kubeadm-init / --kubeadm-join-control-plane)';
  return 'what each file is and which flag reads it';
}

/** A path as the user would type it: relative to the current folder when inside it. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? `./${rel}` : path;
}

export function doneLines(result: ProduceResult): DoneLine[] {
  const lines: DoneLine[] = [];
  const planPath = displayPath(result.planFile.path);
  const {out} = result;
  if (result.native) lines.push({text: `✔ Wrote ${result.native.files.length} files to ${out}${result.native.reused.length ? ` (reused: ${result.native.reused.join(', ')})` : ''}`, style: 'ok'});
  if (result.script) lines.push({text: `✔ Wrote the openssl script: ${result.script.dir}/${result.script.entry}`, style: 'ok'});
  if (result.map) lines.push({text: `✔ ${result.map.status === 'unchanged' ? 'Kept' : 'Drew'} the map: ${result.map.path} (open it in a browser; it loads nothing from the network)`, style: 'ok'});
  lines.push({text: `✔ Saved the plan: ${planPath}${result.planFile.status === 'unchanged' ? ' (unchanged)' : ''}`, style: 'ok'});
  lines.push({text: `  repeat with: kubepki generate --plan ${planPath} --out ${out}${result.map && result.native ? ' --map' : ''}`, style: 'dim'});
  lines.push({text: ''});
  lines.push({text: result.native ? 'Where the files go' : 'What the script will write', style: 'title'});
  const entries = layoutFiles(result.model);
  for (const group of groupFiles(result.model, entries)) {
    lines.push({text: `${group.folder === '.' ? out : `${group.folder}/`}  ${group.title}`, style: 'path'});
    let dir = '';
    // Files of one folder together, folders in the order they first appear (the layout's teaching order).
    const dirOf = (n: string) => n.slice(0, n.lastIndexOf('/') + 1);
    const pairs = pairUp(group.files);
    const firstSeen = [...new Set(pairs.map((p) => dirOf(p.name)))];
    pairs.sort((x, y) => firstSeen.indexOf(dirOf(x.name)) - firstSeen.indexOf(dirOf(y.name)));
    for (const {name, entry} of pairs) {
      const rel = group.folder === '.' ? name : name.slice(group.folder.length + 1);
      const slash = rel.lastIndexOf('/');
      const here = slash < 0 ? '' : rel.slice(0, slash + 1);
      // One line per folder, then its files: short names leave room for the flags that read them.
      if (here !== dir && here !== '') lines.push({text: `  ${here}`, style: 'dim'});
      dir = here;
      const flags = usedBy(result, entry, entries);
      lines.push({text: `${here ? '    ' : '  '}${rel.slice(slash + 1)}${flags ? `  ← ${flags}` : ''}`});
    }
  }
  lines.push({text: ''});
  lines.push({text: 'Next steps', style: 'title'});
  const firstCp = controlPlanes(result.plan)[0]!.name;
  const kubeadm = result.plan.certificates.layout === 'kubeadm';
  const apiserver = entries.find((e) => e.source.type === 'cert' && e.source.spec === specId('apiserver', {node: firstCp}))?.path;
  const ca = entries.find((e) => e.source.type === 'cert' && e.source.spec === 'ca')?.path;
  const kubeconfigOf = (kind: 'admin' | 'super-admin') => {
    const ids = new Set(result.model.kubeconfigs.filter((k) => specById(result.model, k.cert).kind === kind).map((k) => k.id));
    return entries.find((e) => e.source.type === 'kubeconfig' && ids.has(e.source.kubeconfig))?.path;
  };
  const superAdmin = kubeconfigOf('super-admin');
  const admin = kubeconfigOf('admin');
  const installers = entries.filter((e) => e.source.type === 'install');
  const steps = [
    ...(result.script && !result.native ? [`Read the script, then run it: bash ${result.script.dir}/${result.script.entry} ${out}`] : []),
    ...(result.script && result.native ? [`Read the script that makes the same PKI with openssl: ${result.script.dir}/${result.script.entry}`] : []),
    ...(kubeadm && installers.length > 0
      ? [`Copy each node folder to its node over SSH and run its installer there as root, e.g. scp -r ${out}/${firstCp} root@${firstCp}: then on ${firstCp}: sudo bash ${firstCp}/install.sh (never cp -a onto /: it would change / and /etc).`,
        `With kubeadm: --kubeadm-init on ${firstCp}, --kubeadm-join-control-plane on the other control planes, nothing on workers (they join by TLS bootstrap). README.md says more.`]
      : [`Copy the files to the paths your components' flags name (see ${out}/README.md).`]),
    ...(apiserver ? [`Read a certificate: openssl x509 -in ${out}/${apiserver} -noout -text`] : []),
    ...(apiserver && ca ? [`Check who signed it: openssl verify -CAfile ${out}/${ca} ${out}/${apiserver}`] : []),
    `Every file and the flag that reads it: ${out}/README.md`,
    ...(superAdmin ? [`Built without kubeadm: once the API server runs, kubectl --kubeconfig ${out}/${superAdmin} apply -f ${out}/${RBAC_FOLDER}/ (until then ${admin ? basename(admin) : 'the admin kubeconfig'} gets Forbidden for everything); kubeadm init does this itself.`] : []),
    ...(result.plan.users.length > 0 ? [`People can do nothing until a binding names them or their groups, with kubeadm or without: examples in ${out}/${RBAC_FOLDER}/users/.`] : []),
    ...(superAdmin ? [`Keep ${superAdmin} offline: it holds system:masters, which cannot be revoked.`] : []),
  ];
  steps.forEach((text, i) => lines.push({text: `${i + 1}. ${text}`}));
  // The same PKI as a map: who signs what, and which flag reads which file. Logical lines (no width): the screen
  // wraps them, hanging after each `←` as it does for the file list.
  lines.push({text: ''}, {text: `The PKI as a map (kubepki map --plan ${planPath} --html map.html draws it as a page)`, style: 'title'});
  for (const row of mapLines(graphFromPlan(result.plan), {width: MAP_LOGICAL_WIDTH, color: false})) lines.push({text: row});
  return lines;
}

/** Wide enough that the map never wraps a row itself. */
const MAP_LOGICAL_WIDTH = 10_000;
