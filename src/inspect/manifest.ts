// Static pod manifests and KubeletConfiguration files: every TLS flag (or field) the components table knows,
// the file it names, and that file's report; flags that work together become one sentence
// ("kube-apiserver logs in with apiserver-etcd-client.crt …, trusting etcd/ca.crt").

import {containerFlags} from '../kube/manifest-flags.js';
import {kindById, type KindId} from '../pki/catalog.js';
import {COMPONENTS, FILE_FLAGS, type Component, type FileFlag, type FilePart} from '../pki/components.js';
import type {InspectContext} from './context.js';
import {ETC_KUBERNETES} from './node-paths.js';
import type {FileKind, FlagGroup, FlagUse, ManifestSummary} from './report.js';
import {roleWords} from './role.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** The kind of file each part of a certificate kind is; sa.pub may also be a certificate or key (Kubernetes reads either). */
const PART_KINDS: Record<FilePart, FileKind[] | 'value'> = {
  cert: ['certificate'],
  key: ['private-key'],
  kubeconfig: ['kubeconfig'],
  pub: ['public-key', 'certificate', 'private-key'],
  cn: 'value',
};

const isComponent = (name: string | undefined): name is Component => COMPONENTS.includes(name as Component);

async function flagUse(flag: FileFlag, value: string, path: string, ctx: InspectContext): Promise<FlagUse> {
  const kinds = PART_KINDS[flag.part];
  const out: FlagUse = {
    component: flag.component, flag: flag.flag, value,
    expects: {source: flag.source, part: flag.part, kind: kinds === 'value' ? 'value' : kinds[0]!},
  };
  if (kinds !== 'value' && value !== '') out.ref = await ctx.ref(value, path, kinds);
  return out;
}

/** Words that say which file of a group a flag names; what is left is the group (`etcd`, `peer`, `proxy`). */
const FILE_WORDS = new Set(['file', 'cafile', 'certfile', 'keyfile', 'cert', 'key', 'certificate', 'authority', 'ca', 'client',
  'private', 'tls', 'trusted', 'signing', 'public']);

export const flagGroup = (flag: string): string =>
  flag.replace(/^--/, '').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase().split(/[-.]/).filter((w) => !FILE_WORDS.has(w)).join('-');

const isAuthority = (source: KindId | 'sa'): boolean => source !== 'sa' && kindById(source).isCA === true;

/** `etcd/ca.crt` for `/etc/kubernetes/pki/etcd/ca.crt`: how people name kubeadm's files in a sentence. */
export const shortPath = (value: string): string =>
  value.startsWith(`${ETC_KUBERNETES}/pki/`) ? value.slice(ETC_KUBERNETES.length + 5)
    : value.startsWith(`${ETC_KUBERNETES}/`) ? value.slice(ETC_KUBERNETES.length + 1) : value;

const SA_PARTS: Partial<Record<FilePart, string>> = {key: 'service-account private key', pub: 'service-account public key'};

function shownRole(u: FlagUse): string {
  const file = u.ref?.file;
  if (u.ref && !u.ref.found) return 'MISSING';
  if (u.ref?.problem) return `WRONG FILE: ${u.ref.problem}`;
  if (file?.kind === 'certificate') return file.certificates[0]!.role.text;
  if (file?.kind === 'kubeconfig') return file.kubeconfig.contexts[0]?.user.cert?.certificates?.[0]?.role.text ?? 'a kubeconfig';
  if (u.expects.source === 'sa') return SA_PARTS[u.expects.part] ?? 'service-account key';
  return `${roleWords(u.expects.source, {node: 'NODE'})}${u.expects.part === 'key' ? ' key' : ''}`;
}

const named = (uses: FlagUse[]) => uses.map((u) => `${shortPath(u.value)} (${shownRole(u)})`).join(', ');

/** One sentence for flags that work together, from what the catalog says each file is. */
function groupText(component: Component, uses: FlagUse[]): string {
  const cert = uses.find((u) => u.expects.part === 'cert' && !isAuthority(u.expects.source));
  const key = uses.find((u) => u.expects.part === 'key');
  const cas = uses.filter((u) => u.expects.part === 'cert' && isAuthority(u.expects.source));
  const kubeconfigs = uses.filter((u) => u.expects.part === 'kubeconfig');
  const rest = uses.filter((u) => u !== cert && u !== key && !cas.includes(u) && !kubeconfigs.includes(u));
  const parts: string[] = [];
  if (cert) {
    const serves = cert.expects.source !== 'sa' && kindById(cert.expects.source).usages.includes('serverAuth');
    parts.push(`${serves ? 'serves with' : 'logs in with'} ${named([cert])}`);
    if (key) parts.push(`key ${shortPath(key.value)}${key.ref && !key.ref.found ? ' (MISSING)' : ''}`);
    if (cas.length > 0) parts.push(`${serves ? 'accepting clients signed by' : 'trusting'} ${named(cas)}`);
  } else if (key && cas.length > 0) {
    parts.push(`signs with ${named(cas)}, key ${named([key])}`);
  } else {
    // Trust flags alone: each file once, with the flags that name it.
    const byFile = new Map<string, FlagUse[]>();
    for (const u of cas) byFile.set(u.value, [...(byFile.get(u.value) ?? []), u]);
    if (byFile.size > 0) parts.push(`trusts ${[...byFile.values()].map((us) => `${named([us[0]!])} for ${us.map((u) => u.flag).join(', ')}`).join('; ')}`);
    if (key) parts.push(`reads ${named([key])}`);
  }
  if (kubeconfigs.length > 0) parts.push(`logs in to the API with ${[...new Set(kubeconfigs.map((u) => shortPath(u.value)))].join(', ')} (${shownRole(kubeconfigs[0]!)})`);
  for (const u of rest) parts.push(u.expects.part === 'cn' ? `accepts ${u.flag}=${u.value}` : `reads ${named([u])}`);
  return `${component} ${parts.join(', ')}`;
}

/** Trust-only flags of a component share one sentence; the others group by the words of their names. */
function groupKey(u: FlagUse, trustOnly: (group: string) => boolean): string {
  if (u.expects.part === 'kubeconfig') return 'kubeconfig'; // the three kubeconfig flags name one file
  const group = flagGroup(u.flag);
  return trustOnly(group) ? 'trust' : group;
}

function groups(flags: FlagUse[]): FlagGroup[] {
  const onlyCas = new Map<string, boolean>();
  for (const u of flags) {
    const id = `${u.component}\u0000${flagGroup(u.flag)}`;
    const ca = u.expects.part === 'cert' && isAuthority(u.expects.source);
    onlyCas.set(id, (onlyCas.get(id) ?? true) && ca);
  }
  const byGroup = new Map<string, FlagUse[]>();
  for (const u of flags) {
    const key = `${u.component}\u0000${groupKey(u, (g) => onlyCas.get(`${u.component}\u0000${g}`) === true)}`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), u]);
  }
  return [...byGroup.values()].map((uses) => ({component: uses[0]!.component, flags: uses.map((u) => u.flag), text: groupText(uses[0]!.component, uses)}));
}

export async function summariseManifest(doc: Obj, path: string, ctx: InspectContext): Promise<ManifestSummary> {
  const components: Component[] = [];
  const flags: FlagUse[] = [];
  for (const {name, program, flags: values} of containerFlags(doc)) {
    const component = isComponent(name) ? name : isComponent(program) ? program : undefined;
    if (!component) continue;
    components.push(component);
    for (const flag of FILE_FLAGS.filter((f) => f.component === component)) {
      const value = values.get(flag.flag);
      if (value !== undefined) flags.push(await flagUse(flag, value, path, ctx));
    }
  }
  return {components, flags, groups: groups(flags)};
}

/** A KubeletConfiguration names its files in fields (`tlsCertFile`, `authentication.x509.clientCAFile`). */
export async function summariseKubeletConfig(doc: Obj, path: string, ctx: InspectContext): Promise<ManifestSummary> {
  const flags: FlagUse[] = [];
  for (const flag of FILE_FLAGS.filter((f) => f.component === 'kubelet' && !f.flag.startsWith('--'))) {
    const value = flag.flag.split('.').reduce<unknown>((at, k) => obj(at)[k], doc);
    if (typeof value === 'string') flags.push(await flagUse(flag, value, path, ctx));
  }
  return {components: ['kubelet'], flags, groups: groups(flags)};
}
