// The component configs kubepki writes, read back as a cluster would: every static pod, RBAC object and the
// kubelet config validates against the Kubernetes schemas offline, and every PKI flag names the file the layout
// puts there for that node (kubeadm and flat layouts, one and three control planes).

import {ClusterRole, ClusterRoleBinding, RoleBinding} from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import {Pod} from 'kubernetes-models/v1';
import {describe, expect, it} from 'vitest';
import {parseAllDocuments} from 'yaml';
import {renderConfig} from '../../src/kube/configs.js';
import {FLAT_NODE_DIR, STATIC_POD_COMPONENTS, type ConfigFile} from '../../src/pki/config-files.js';
import {flagsOf, type FileFlag} from '../../src/pki/components.js';
import {kindById, kubeconfigId, specId} from '../../src/pki/catalog.js';
import {layoutFiles, type FileEntry} from '../../src/pki/layout.js';
import type {PkiModel} from '../../src/pki/model.js';
import {resolve} from '../../src/pki/resolve.js';
import {installFiles} from '../../src/install/node-install.js';
import {ADMIN_GROUP, APISERVER_KUBELET_CLIENT_USER} from '../../src/plan/identities.js';
import {basePlan, examplePlan} from '../../src/plan/defaults.js';
import {validatePlan} from '../../src/plan/validate.js';
import {controlPlanes, type Plan} from '../../src/plan/types.js';

const valid = (plan: Plan): Plan => {
  const r = validatePlan(JSON.parse(JSON.stringify(plan)));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
};
const PLANS: Record<string, () => Plan> = {
  'kubeadm, three control planes': () => valid(examplePlan('ha')),
  'kubeadm, single authority': () => valid({...examplePlan('single'), certificates: {...examplePlan('single').certificates, authorities: 'single'}}),
  'flat, one control plane': () => valid({...examplePlan('single'), certificates: {...examplePlan('single').certificates, layout: 'flat'}}),
  'flat, three control planes': () => valid({...examplePlan('ha'), certificates: {...examplePlan('ha').certificates, layout: 'flat'}}),
};

const docsOf = (text: string): Record<string, unknown>[] => parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);
const configs = (entries: FileEntry[]) => entries.flatMap((e) => (e.source.type === 'config' ? [{entry: e, config: e.source.config}] : []));
const argsOf = (pod: Record<string, unknown>): Map<string, string> => {
  const command = ((pod.spec as {containers: {command: string[]}[]}).containers[0]!.command).slice(1);
  return new Map(command.map((c) => {
    const [name, ...rest] = c.split('=');
    return [name!, rest.join('=')];
  }));
};

/** The layout entry a flag's value names, found from the layout alone (kubeadm: NODE/ + path; flat: the file name). */
function entryAt(model: PkiModel, entries: FileEntry[], node: string, value: string): FileEntry | undefined {
  const rel = model.plan.certificates.layout === 'kubeadm' ? `${node}${value}` : value.startsWith(`${FLAT_NODE_DIR}/`) ? value.slice(FLAT_NODE_DIR.length + 1) : '';
  return entries.find((e) => e.path === rel);
}

/** What the entry a flag names must hold: its spec's certificate or key, its kubeconfig, or the sa pair. */
function expectNames(model: PkiModel, entries: FileEntry[], node: string, use: FileFlag, value: string): void {
  const where = `${use.component} ${use.flag} on ${node}`;
  if (use.part === 'cn') {
    expect(value, where).toBe(model.certs.find((c) => c.kind === use.source)!.subject.cn);
    return;
  }
  const entry = entryAt(model, entries, node, value);
  expect(entry, `${where} = ${value}`).toBeDefined();
  const s = entry!.source;
  if (use.source === 'sa') return void expect(s.type, where).toBe(use.part === 'key' ? 'sa-key' : 'sa-pub');
  const kind = kindById(use.source);
  if (use.part === 'kubeconfig') return void expect(s, where).toEqual({type: 'kubeconfig', kubeconfig: kubeconfigId(kind, {node})});
  const perNode = kind.scope === 'control-plane' || kind.scope === 'every-node';
  const id = perNode ? specId(kind.id, {node}) : model.certs.some((c) => c.id === kind.id) ? kind.id : 'ca';
  expect(s, where).toEqual({type: use.part === 'key' ? 'key' : 'cert', spec: id});
}

describe.each(Object.entries(PLANS))('component configs: %s', (_, makePlan) => {
  const plan = makePlan();
  const model = resolve(plan);
  const entries = layoutFiles(model);
  const all = configs(entries);
  const text = (c: ConfigFile) => renderConfig(model, entries, c);

  it('writes the four static pods on every control plane, and a kubelet config on every node', () => {
    for (const cp of controlPlanes(plan)) {
      expect(all.filter(({config}) => config.what === 'static-pod' && config.node === cp.name).map(({config}) => config.what === 'static-pod' && config.component))
        .toEqual([...STATIC_POD_COMPONENTS]);
    }
    for (const n of plan.nodes) expect(all.filter(({config}) => config.what === 'kubelet-config' && config.node === n.name)).toHaveLength(1);
    if (plan.certificates.layout === 'kubeadm') {
      expect(all.filter(({config}) => config.what === 'static-pod').map(({entry}) => entry.path.split('/').slice(1).join('/')))
        .toEqual(expect.arrayContaining(['etc/kubernetes/manifests/etcd.yaml', 'etc/kubernetes/manifests/kube-apiserver.yaml']));
    }
  });

  it('gives every static pod each PKI flag of the table, naming the file the layout puts on that node', () => {
    for (const {config} of all) {
      if (config.what !== 'static-pod') continue;
      const [pod] = docsOf(text(config));
      expect(() => new Pod(pod).validate()).not.toThrow();
      const args = argsOf(pod!);
      for (const use of flagsOf(config.component)) {
        const value = args.get(use.flag);
        expect(value, `${config.component} ${use.flag}`).toBeDefined();
        expectNames(model, entries, config.node, use, value!);
      }
    }
  });

  it('lists every etcd member in --initial-cluster and --etcd-servers, with the plan’s service subnet and version', () => {
    const cps = controlPlanes(plan);
    for (const cp of cps) {
      const etcd = argsOf(docsOf(text({what: 'static-pod', component: 'etcd', node: cp.name}))[0]!);
      const api = docsOf(text({what: 'static-pod', component: 'kube-apiserver', node: cp.name}))[0]!;
      const apiArgs = argsOf(api);
      expect(etcd.get('--initial-cluster')!.split(',')).toEqual(cps.map((m) => `${m.name}=https://${m.address}:2380`));
      expect(etcd.get('--name')).toBe(cp.name);
      expect(etcd.get('--advertise-client-urls')).toBe(`https://${cp.address}:2379`);
      expect(apiArgs.get('--etcd-servers')!.split(',').sort()).toEqual(cps.map((m) => `https://${m.address}:2379`).sort());
      expect(apiArgs.get('--advertise-address')).toBe(cp.address);
      expect(apiArgs.get('--service-cluster-ip-range')).toBe(plan.networking.serviceSubnet);
      expect(apiArgs.get('--requestheader-allowed-names')).toBe('front-proxy-client');
      expect(((api.spec as {containers: {image: string}[]}).containers[0]!.image)).toBe(`registry.k8s.io/kube-apiserver:${plan.kubernetesVersion}`);
    }
  });

  it('writes a KubeletConfiguration with the client CA, webhook authn/authz and the node’s CA-signed serving certificate', () => {
    for (const n of plan.nodes) {
      const t = text({what: 'kubelet-config', node: n.name});
      expect(t).toMatch(/serverTLSBootstrap/);
      expect(t).toMatch(/^# .*rotateCertificates/m);
      const [doc] = docsOf(t) as [{authentication: {x509: {clientCAFile: string}; webhook: {enabled: boolean}; anonymous: {enabled: boolean}};
        authorization: {mode: string}; tlsCertFile: string; tlsPrivateKeyFile: string; kind: string}];
      expect(doc.kind).toBe('KubeletConfiguration');
      expect(doc.authentication.webhook.enabled).toBe(true);
      expect(doc.authentication.anonymous.enabled).toBe(false);
      expect(doc.authorization.mode).toBe('Webhook');
      const values: Record<string, string> = {'authentication.x509.clientCAFile': doc.authentication.x509.clientCAFile,
        tlsCertFile: doc.tlsCertFile, tlsPrivateKeyFile: doc.tlsPrivateKeyFile};
      for (const use of flagsOf('kubelet').filter((u) => !u.flag.startsWith('--'))) expectNames(model, entries, n.name, use, values[use.flag]!);
    }
  });

  it('writes RBAC that validates: cluster-admins, the API server at kubelets, and an example per person', () => {
    const rbac = all.filter(({config}) => config.what === 'rbac' || config.what === 'rbac-user');
    expect(rbac.map(({entry}) => entry.path)).toEqual([
      'rbac/cluster-admins.yaml', 'rbac/apiserver-to-kubelet.yaml', 'rbac/kubelet-certificate-rotation.yaml',
      ...plan.users.map((u) => `rbac/users/${u.name}.yaml`),
    ]);
    const MODELS: Record<string, new (doc: never) => {validate: () => void}> = {ClusterRole, ClusterRoleBinding, RoleBinding};
    const byKind: Record<string, Record<string, unknown>[]> = {};
    for (const {config} of rbac) {
      for (const doc of docsOf(text(config))) {
        const Model = MODELS[doc.kind as string]!;
        expect(Model, String(doc.kind)).toBeDefined();
        expect(() => new Model(doc as never).validate()).not.toThrow();
        (byKind[doc.kind as string] ??= []).push(doc);
      }
    }
    const bindings = byKind.ClusterRoleBinding as {roleRef: {name: string}; subjects: {kind: string; name: string}[]}[];
    expect(bindings).toContainEqual(expect.objectContaining({roleRef: expect.objectContaining({name: 'cluster-admin'}),
      subjects: [expect.objectContaining({kind: 'Group', name: ADMIN_GROUP})]}));
    const kubeletRole = (byKind.ClusterRole as {metadata: {name: string}; rules: {resources: string[]}[]}[])[0]!;
    expect(kubeletRole.rules[0]!.resources).toEqual(['nodes/proxy', 'nodes/stats', 'nodes/log', 'nodes/spec', 'nodes/metrics']);
    expect(bindings).toContainEqual(expect.objectContaining({roleRef: expect.objectContaining({name: kubeletRole.metadata.name}),
      subjects: [expect.objectContaining({kind: 'User', name: APISERVER_KUBELET_CLIENT_USER})]}));
    for (const u of plan.users) {
      const t = text({what: 'rbac-user', user: u.name});
      expect(t).toContain(`kubectl auth can-i list pods --namespace default --as ${u.name}${u.groups.map((g) => ` --as-group ${g}`).join('')}`);
      const subjects = docsOf(t).map((d) => (d as {subjects: {name: string}[]}).subjects[0]!.name);
      expect(subjects).toEqual(u.groups.length > 0 ? u.groups : [u.name]);
    }
  });

  it.runIf(plan.certificates.layout === 'flat')('writes flags.md with every program’s PKI flags naming the flat files', () => {
    const md = text({what: 'flags'});
    for (const n of plan.nodes) {
      const section = md.split(`## ${n.name} (`)[1]!.split('\n## ')[0]!;
      const components = n.role === 'control-plane' ? [...STATIC_POD_COMPONENTS, 'kubelet', 'kube-proxy', 'etcdctl'] as const : ['kubelet', 'kube-proxy'] as const;
      for (const c of components) {
        // The program's block: its name, then one flag per line until the fence.
        const block = section.split('```sh\n').find((b) => b.startsWith(`${c} \\`))!.split('```')[0]!.split('\n').slice(1);
        for (const use of flagsOf(c)) {
          const config = !use.flag.startsWith('--');
          const line = block.find((l) => l.trim().startsWith(config ? `${use.flag}: ` : `${use.flag}=`));
          expect(line, `${n.name} ${c} ${use.flag}`).toBeDefined();
          const value = line!.trim().slice(use.flag.length + (config ? 2 : 1)).split(/\s/)[0]!;
          expectNames(model, entries, n.name, use, value);
        }
      }
    }
  });

  it.runIf(plan.certificates.layout === 'kubeadm')('install.sh puts manifests and the kubelet config in place with --all, never for kubeadm init', () => {
    for (const n of plan.nodes) {
      const files = installFiles(model, entries, n.name).filter((f) => f.entry.source.type === 'config');
      expect(files.map((f) => f.target)).toContain('/var/lib/kubelet/config.yaml');
      for (const f of files) expect(f.sets).toEqual(['all']);
    }
  });
});

describe('names YAML 1.1 reads as something else', () => {
  it('a person named yes in groups on and 1_000 keeps those names in their RBAC example, as kubectl (YAML 1.1) reads it', () => {
    const plan = valid({...examplePlan('single'), users: [{name: 'yes', groups: ['on', '1_000']}]});
    const model = resolve(plan);
    const t = renderConfig(model, layoutFiles(model), {what: 'rbac-user', user: 'yes'});
    const docs = parseAllDocuments(t, {version: '1.1'}).map((d) => d.toJS() as {subjects: {name: unknown}[]});
    expect(docs.map((d) => d.subjects[0]!.name)).toEqual(['on', '1_000']);
  });
});

describe('kubernetesVersion', () => {
  it('defaults to a release kubepki has kubeadm’s defaults for, and refuses others with a hint', () => {
    const plan = valid(basePlan([{name: 'cp', address: '10.0.0.1', role: 'control-plane'}]));
    expect(plan.kubernetesVersion).toMatch(/^v1\.\d+\.\d+$/);
    const bad = (v: unknown) => {
      const r = validatePlan({...JSON.parse(JSON.stringify(plan)), kubernetesVersion: v});
      return r.ok ? undefined : r.problems.map((p) => `${p.path}: ${p.rule}`).join('; ');
    };
    expect(bad('1.35.0')).toMatch(/kubernetesVersion: lacks the leading v/);
    expect(bad('v1.20.0')).toMatch(/no kubeadm defaults/);
    expect(bad('stable')).toMatch(/not a Kubernetes release version/);
    expect(bad('v1.35.0-rc.1')).toMatch(/not a Kubernetes release version/);
    expect(bad('v1.34.2')).toBeUndefined();
  });

  it('sets the control plane’s image tags', () => {
    const plan = valid({...basePlan([{name: 'cp', address: '10.0.0.1', role: 'control-plane'}]), kubernetesVersion: 'v1.34.2'});
    const model = resolve(plan);
    const pod = docsOf(renderConfig(model, layoutFiles(model), {what: 'static-pod', component: 'kube-scheduler', node: 'cp'}))[0]!;
    expect((pod.spec as {containers: {image: string}[]}).containers[0]!.image).toBe('registry.k8s.io/kube-scheduler:v1.34.2');
  });
});
