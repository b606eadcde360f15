// The fix-apiserver-manifest lab: kube-apiserver.yaml names a wrong file or the wrong CA for one or more flags.
// The right values are the generated manifest's own, recorded before the lab breaks it; the check reads the
// learner's manifest as YAML and says, for each file flag, what the file it names is.

import {access, readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {readManifestFlags} from '../../kube/manifest-flags.js';
import {FILE_FLAGS} from '../../pki/components.js';
import {MANIFESTS_PATH} from '../../pki/config-files.js';
import {ALL_KINDS, type KindId} from '../../pki/catalog.js';
import {item, nodeFile} from './grade.js';
import type {CheckItem, LabDefinition} from './types.js';

const MANIFEST = `${MANIFESTS_PATH}/kube-apiserver.yaml`;
/** The API server's flags that name files (not kubeconfigs or CN values). */
const FILE_FLAG_NAMES = FILE_FLAGS.filter((f) => f.component === 'kube-apiserver' && f.part !== 'cn').map((f) => f.flag);

/** What a node path is, in words: `the etcd CA (etc/kubernetes/pki/etcd/ca.crt)`, or that it does not exist. */
async function describe(dir: string, value: string): Promise<string> {
  const rel = value.replace(/^\/+/, '');
  for (const kind of ALL_KINDS.filter((k) => k.kubeadmPath)) {
    for (const ext of ['crt', 'key'] as const) {
      if (nodeFile(kind.id as KindId, ext) === rel) return `${value} is the ${kind.id}${ext === 'key' ? ' key' : ' certificate'}`;
    }
  }
  const exists = await access(join(dir, rel)).then(() => true, () => false);
  return exists ? `${value} is not the file this flag needs` : `${value} does not exist on the node (the API server would crash-loop with "no such file or directory")`;
}

/** Ways a manifest goes wrong in the field: a typo in a path, and a right-looking file of the wrong authority. */
const BREAKS: readonly {flag: string; value: string; why: string}[] = [
  {flag: '--etcd-cafile', value: `/${nodeFile('ca')}`, why: 'etcd’s serving certificate is signed by the etcd CA, so the API server must trust etcd/ca.crt for etcd'},
  {flag: '--client-ca-file', value: `/${nodeFile('etcd-ca')}`, why: 'clients of the API server (users, kubelets) carry certificates of the cluster CA'},
  {flag: '--tls-cert-file', value: '/etc/kubernetes/pki/apiserver.cert', why: 'a one-letter typo: the file is apiserver.crt'},
  {flag: '--etcd-certfile', value: '/etc/kubernetes/pki/etcd/apiserver-etcd-client.crt', why: 'apiserver-etcd-client lives in pki/, not pki/etcd/'},
  {flag: '--kubelet-client-certificate', value: `/${nodeFile('apiserver')}`, why: 'towards kubelets the API server is a client: it presents apiserver-kubelet-client.crt (clientAuth), not its serving certificate'},
  {flag: '--requestheader-client-ca-file', value: `/${nodeFile('ca')}`, why: 'proxied requests are vouched for by the front-proxy CA'},
];

/** The API server container's flags, or why the manifest cannot be read. */
function flagsOf(text: string): Map<string, string> | string {
  const read = readManifestFlags(text);
  return read.ok ? read.containers[0]!.flags : read.reason;
}

export const fixApiserverManifest: LabDefinition = {
  id: 'fix-apiserver-manifest',
  title: 'Fix the API server’s manifest',
  summary: 'kube-apiserver.yaml names a wrong file or the wrong CA for one or more flags: fix it in place',
  prepare: async (ctx) => {
    const path = join(ctx.dir, MANIFEST);
    let text = await readFile(path, 'utf8');
    const right = flagsOf(text);
    if (typeof right === 'string') throw new Error(`the lab's manifest: ${right}`);
    const expected = Object.fromEntries(FILE_FLAG_NAMES.filter((f) => right.has(f)).map((f) => [f, right.get(f)!]));
    const broken = ctx.rng.sample(BREAKS.filter((b) => right.has(b.flag)), 1 + ctx.rng.int(2));
    for (const b of broken) text = text.replace(`${b.flag}=${right.get(b.flag)}`, `${b.flag}=${b.value}`);
    await writeFile(path, text);
    return {expected, broken: broken.map((b) => b.flag)};
  },
  task: () => [
    `The API server on this node crash-loops. Its static pod manifest \`${MANIFEST}\` names a wrong file or the wrong CA`,
    'for one or more of its certificate flags. Find them (compare each flag with the files in `etc/kubernetes/pki`, and',
    'read the certificates with openssl) and fix the manifest **in place**. Change nothing else.',
  ].join('\n'),
  check: async (dir, s) => {
    const expected = s.facts.expected as Record<string, string>;
    const text = await readFile(join(dir, MANIFEST), 'utf8').catch(() => undefined);
    if (text === undefined) return [item('manifest', false, `${MANIFEST} is missing: fix it in place, do not move it`)];
    const got = flagsOf(text);
    if (typeof got === 'string') return [item('manifest', false, got)];
    const items: CheckItem[] = [];
    for (const [flag, want] of Object.entries(expected)) {
      const have = got.get(flag);
      if (have === want) {
        items.push(item(flag, true, `${flag}=${want}`));
        continue;
      }
      const why = BREAKS.find((b) => b.flag === flag && b.value === have)?.why;
      items.push(item(flag, false, have === undefined ? `${flag} is gone: it must be ${want}`
        : `${flag} must name ${want}: ${await describe(dir, have)}${why ? `; ${why}` : ''}`));
    }
    return items;
  },
};
