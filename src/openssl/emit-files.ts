// The file-writing steps of generate-pki.sh: each kubeconfig as a heredoc (byte-identical to native mode's,
// around the script's own base64), the tree's README, and the placement of every layout entry with its mode.

import {kubeconfigTemplate} from '../kube/kubeconfig.js';
import type {FileEntry} from '../pki/layout.js';
import type {KubeconfigSpec, PkiModel} from '../pki/model.js';
import {renderTreeReadme} from '../pki/tree-readme.js';
import {INSTALL_ENGINE, installNodePart} from '../install/node-install.js';
import {renderConfig} from '../kube/configs.js';
import {configKey} from '../pki/config-files.js';
import {checkComment, checkKubeconfigName, checkPath, checkUrl, UnsafeValueError} from './allow-list.js';
import {workFiles} from './commands.js';
import {shq} from './shell.js';

const KUBECONFIG_END = 'KUBECONFIG_END';
const README_END = 'README_END';
const INSTALL_END = 'INSTALL_SH_END';
const CONFIG_END = 'CONFIG_END';

/** A file written by a quoted heredoc (nothing in it expands), refused if it could end the heredoc early. */
function heredoc(target: string, text: string, end: string): string[] {
  if (!text.endsWith('\n') || text.includes('\0') || text.split('\n').includes(end)) {
    throw new Error(`internal: ${target} cannot go into a heredoc`);
  }
  return [`cat >${shq(target)} <<'${end}'`, text.replace(/\n$/, ''), end];
}

export function kubeconfigBlock(kc: KubeconfigSpec): string[] {
  checkPath(kc.id, 'kubeconfig id');
  checkUrl(kc.server, `kubeconfig ${kc.id} server`);
  checkKubeconfigName(kc.clusterName, `kubeconfig ${kc.id} clusterName`);
  checkKubeconfigName(kc.userName, `kubeconfig ${kc.id} userName`);
  checkKubeconfigName(kc.contextName, `kubeconfig ${kc.id} contextName`);
  const text = kubeconfigTemplate(kc, {caData: '${ca_data}', certData: '${cert_data}', keyData: '${key_data}'});
  // The heredoc expands $…, `…` and \: only our three variables may appear in it.
  const rest = text.replaceAll('${ca_data}', '').replaceAll('${cert_data}', '').replaceAll('${key_data}', '');
  if (/[$`\\]/.test(rest)) throw new UnsafeValueError(`kubeconfig ${kc.id}`, rest, 'would expand inside the script');
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines.includes(KUBECONFIG_END)) throw new UnsafeValueError(`kubeconfig ${kc.id}`, KUBECONFIG_END, 'would end the heredoc');
  return [
    `# ${kc.id}: ${checkComment(kc.about, `${kc.id} about`)} (user ${kc.userName}, server ${kc.server})`,
    `ca_data=$(b64 ${shq(workFiles(kc.authority).crt)})`,
    `cert_data=$(b64 ${shq(workFiles(kc.cert).crt)})`,
    `key_data=$(b64 ${shq(workFiles(kc.cert).key)})`,
    `cat >${shq(`kubeconfigs/${kc.id}`)} <<${KUBECONFIG_END}`,
    ...lines,
    KUBECONFIG_END,
  ];
}

/** The work-folder file that becomes each layout entry. */
function workFileFor(entry: FileEntry): string {
  const s = entry.source;
  switch (s.type) {
    case 'cert':
      return workFiles(s.spec).crt;
    case 'key':
      return workFiles(s.spec).key;
    case 'sa-key':
      return 'sa.key';
    case 'sa-pub':
      return 'sa.pub';
    case 'kubeconfig':
      return `kubeconfigs/${checkPath(s.kubeconfig, 'kubeconfig id')}`;
    case 'readme':
      return 'README.md';
    case 'install':
      return `install/${checkPath(s.node, 'node name')}.sh`;
    case 'config':
      return `configs/${checkPath(configKey(s.config), 'config key')}`;
  }
}

/** Component configs (static pods, kubelet configs, RBAC, flags.md) need no key: their text is fixed when the
 *  script is emitted, so the script carries them as quoted heredocs and stays the one file to review and run. */
function configBlock(model: PkiModel, entries: FileEntry[]): string[] {
  const configs = entries.flatMap((e) => (e.source.type === 'config' ? [{entry: e, config: e.source.config}] : []));
  if (configs.length === 0) return [];
  return [
    '',
    '# Component configs: static pod manifests, kubelet configs, RBAC and flags, exactly as native mode writes them',
    '# (quoted heredocs: nothing in them expands).',
    'mkdir -- configs',
    ...configs.flatMap(({entry, config}) => heredoc(workFileFor(entry), renderConfig(model, entries, config), CONFIG_END)),
  ];
}

export function treeBlock(model: PkiModel, entries: FileEntry[]): string[] {
  const readme = renderTreeReadme(model, entries);
  checkComment(readme.replaceAll('\n', ' '), 'tree README');
  const installers = entries.flatMap((e) => (e.source.type === 'install' ? [{entry: e, node: e.source.node}] : []));
  const mode = (m: number) => m.toString(8).padStart(4, '0');
  return [
    '# The README of the tree: which file goes to which node and which flag reads it (a quoted heredoc: nothing in it expands).',
    ...heredoc('README.md', readme, README_END),
    ...(installers.length > 0
      ? ['', '# Each node folder\'s install.sh: puts that node\'s files in place on the node (read it: it is plain bash).',
        '# Its second half is the same on every node: written once here, then put after each node\'s own part.',
        'mkdir -- install', ...heredoc('install/engine.sh', INSTALL_ENGINE, INSTALL_END)]
      : []),
    ...installers.flatMap(({entry, node}) => [
      ...heredoc(`${workFileFor(entry)}.head`, installNodePart(model, entries, node), INSTALL_END),
      `cat -- ${shq(`${workFileFor(entry)}.head`)} install/engine.sh >${shq(workFileFor(entry))}`,
    ]),
    ...configBlock(model, entries),
    '',
    '# Every file at its place in the staged tree, with its mode set explicitly: keys and kubeconfigs 0600, certificates 0644.',
    ...entries.map((e) => `place ${shq(workFileFor(e))} ${shq(checkPath(e.path, 'tree path'))} ${mode(e.mode)}`),
  ];
}
