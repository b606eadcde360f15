// Static pod manifests and KubeletConfiguration files: every TLS flag (or field) the components table knows,
// the file it names, and that file's report; flags that work together become one sentence
// ("kube-apiserver logs in with apiserver-etcd-client.crt …, trusting etcd/ca.crt").

import {kindById, type KindId} from '../pki/catalog.js';
import {COMPONENTS, FILE_FLAGS, type Component, type FileFlag, type FilePart} from '../pki/components.js';
import type {InspectContext} from './context.js';
import type {FileKind, FlagGroup, FlagUse, ManifestSummary} from './report.js';
import {roleWords} from './role.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The kind of file each part of a certificate kind is; sa.pub may also be a certificate or key (Kubernetes reads either). */
const PART_KINDS: Record<FilePart, FileKind[] | 'value'> = {
  cert: ['certificate'],
  key: ['private-key'],
  kubeconfig: ['kubeconfig'],
  pub: ['public-key', 'certificate', 'private-key'],
  cn: 'value',
};

/** `--etcd-cafile=/x` and `--etcd-cafile /x` both give `--etcd-cafile` → `/x`. */
function flagValues(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) out.set(arg.slice(0, eq), arg.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) out.set(arg, argv[++i]!);
  }
  return out;
}

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

function shownRole(u: FlagUse): string {
  const file = u.ref?.file;
  if (u.ref && !u.ref.found) return 'missing';
  if (file?.kind === 'certificate') return file.certificates[0]!.role.text;
  if (file?.kind === 'kubeconfig') {
    const role = file.kubeconfig.contexts[0]?.user.cert?.certificates?.[0]?.role.text;
    return role ?? 'a kubeconfig';
  }
  if (file && file.kind !== 'private-key') return file.kind;
  return u.expects.source === 'sa' ? 'service-account key' : roleWords(u.expects.source, {node: 'NODE'});
}

const list = (uses: FlagUse[]) => uses.map((u) => `${u.value} (${shownRole(u)})`).join(', ');

/** One sentence for flags that work together, from what the catalog says the certificate is for. */
function groupText(component: Component, uses: FlagUse[]): string {
  const cert = uses.find((u) => u.expects.part === 'cert' && !isAuthority(u.expects.source));
  const key = uses.find((u) => u.expects.part === 'key');
  const cas = uses.filter((u) => u.expects.part === 'cert' && isAuthority(u.expects.source));
  const kubeconfigs = uses.filter((u) => u.expects.part === 'kubeconfig');
  const rest = uses.filter((u) => u !== cert && u !== key && !cas.includes(u) && !kubeconfigs.includes(u));
  const parts: string[] = [];
  if (cert) {
    const serves = cert.expects.source !== 'sa' && kindById(cert.expects.source).usages.includes('serverAuth');
    parts.push(`${serves ? 'serves with' : 'logs in with'} ${list([cert])}`);
    if (key) parts.push(`key ${key.value}`);
    if (cas.length > 0) parts.push(`${serves ? 'accepting clients signed by' : 'trusting'} ${list(cas)}`);
  } else {
    if (cas.length > 0) parts.push(`trusts ${list(cas)}`);
    if (key) parts.push(`reads ${list([key])}`);
  }
  if (kubeconfigs.length > 0) parts.push(`logs in to the API with ${[...new Set(kubeconfigs.map((u) => u.value))].join(', ')} (${shownRole(kubeconfigs[0]!)})`);
  for (const u of rest) parts.push(u.expects.part === 'cn' ? `allows ${u.flag}=${u.value}` : `reads ${list([u])}`);
  return `${component} ${parts.join(', ')}`;
}

function groups(flags: FlagUse[]): FlagGroup[] {
  const byGroup = new Map<string, FlagUse[]>();
  for (const u of flags) {
    // The three kubeconfig flags name one file: one group for them.
    const key = `${u.component}\u0000${u.expects.part === 'kubeconfig' ? 'kubeconfig' : flagGroup(u.flag)}`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), u]);
  }
  return [...byGroup.values()].map((uses) => ({component: uses[0]!.component, flags: uses.map((u) => u.flag), text: groupText(uses[0]!.component, uses)}));
}

export async function summariseManifest(doc: Obj, path: string, ctx: InspectContext): Promise<ManifestSummary> {
  const components: Component[] = [];
  const flags: FlagUse[] = [];
  for (const container of Array.isArray(obj(doc.spec).containers) ? (obj(doc.spec).containers as unknown[]).map(obj) : []) {
    const command = strings(container.command);
    const argv = [...command, ...strings(container.args)];
    const name = typeof container.name === 'string' ? container.name : undefined;
    const program = command[0]?.split('/').pop();
    const component = isComponent(name) ? name : isComponent(program) ? program : undefined;
    if (!component) continue;
    components.push(component);
    const values = flagValues(argv);
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
