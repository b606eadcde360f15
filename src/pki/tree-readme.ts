// The README.md written at the top of every generated PKI: how the files reach their nodes (with kubeadm and
// without), what each file is and which component flag reads it. Pure text from the model and layout, so both
// backends write the same file.

import {describeHours} from '../plan/duration.js';
import {FLAGS_FILE, FLAT_NODE_DIR, KUBELET_CONFIG_PATH, MANIFESTS_PATH, RBAC_FOLDER, userRbacPath, type ConfigFile} from './config-files.js';
import {INSTALL_SCRIPT, MAP_FILE, PUBLIC_MODE, type FileEntry} from './layout.js';
import {subjectText, type CertSpec, type KubeconfigSpec, type PkiModel} from './model.js';
import {controlPlanes} from '../plan/types.js';


/** What a component config file is, in one line (the README's file list and the Done screen). */
export function aboutConfig(c: ConfigFile): string {
  switch (c.what) {
    case 'static-pod':
      return `static pod manifest of ${c.component} on ${c.node}: kubeadm's flags for this PKI's files`;
    case 'kubelet-config':
      return `KubeletConfiguration of ${c.node}: client CA, webhook authentication and authorization, serving certificate`;
    case 'rbac':
      return `RBAC a cluster built without kubeadm must apply (${c.name}); kubeadm init creates it itself`;
    case 'rbac-user':
      return `example RoleBindings for ${c.user} and the \`kubectl auth can-i\` lines to check them`;
    case 'flags':
      return 'every program\'s certificate flags, naming these files where they go on each node';
  }
}

function describe(entry: FileEntry, certs: Map<string, CertSpec>, kubeconfigs: Map<string, KubeconfigSpec>): string {
  const s = entry.source;
  switch (s.type) {
    case 'cert':
    case 'key': {
      const spec = certs.get(s.spec)!;
      const what = s.type === 'cert' ? 'certificate' : 'private key';
      return `${what} of ${spec.id} (${subjectText(spec.subject)}) — ${spec.about}`;
    }
    case 'sa-key':
      return 'service-account private key — the API server and controller-manager sign ServiceAccount tokens with it';
    case 'sa-pub':
      return 'service-account public key — the API server checks ServiceAccount tokens with it';
    case 'kubeconfig': {
      const kc = kubeconfigs.get(s.kubeconfig)!;
      return `kubeconfig: ${kc.about} (user ${kc.userName}, server ${kc.server})`;
    }
    case 'install':
      return `puts ${s.node}'s files in place on ${s.node}: \`sudo bash ${INSTALL_SCRIPT} [--all | --kubeadm-init | --kubeadm-join-control-plane]\``;
    case 'config':
      return aboutConfig(s.config);
    case 'readme':
      return 'this file';
  }
}

function installSection(model: PkiModel): string[] {
  const {plan} = model;
  const cps = controlPlanes(plan).map((n) => n.name);
  const first = cps[0]!;
  const others = cps.slice(1);
  const leaf = describeHours(model.certs.find((c) => !c.isCA)?.validityHours ?? 0);
  const single = plan.certificates.authorities === 'single';
  return [
    '## Where the files go',
    '',
    'Each folder named after a node holds that node\'s files at the paths they take on the node',
    `(\`${first}/etc/kubernetes/pki/ca.crt\` is \`/etc/kubernetes/pki/ca.crt\` on ${first}) and an \`${INSTALL_SCRIPT}\` that puts them`,
    'in place. Copy the folder to its node over SSH (it holds private keys) and run the installer there as root:',
    '',
    '```sh',
    `scp -r ${first} root@${first}:kubepki-${first}`,
    `ssh root@${first} bash kubepki-${first}/${INSTALL_SCRIPT}        # --all (the default); see the modes below`,
    `ssh root@${first} rm -rf kubepki-${first}`,
    '```',
    '',
    `\`${INSTALL_SCRIPT}\` creates only the folders that are missing (0755, owned by root), gives each file its mode (keys,`,
    'kubeconfigs and sa.pub 0600, certificates 0644) and root as owner, never changes a folder that exists, and refuses',
    'to replace a file with other content unless given `--force` (it then keeps the old one as `FILE.bak`).',
    '`--dry-run` shows what it would do; `DESTDIR=/tmp/root bash install.sh` installs into a fake root to look first.',
    'Do not copy a node folder onto `/` with `cp -a` or `rsync -a`: they would give `/`, `/etc` and `/var` the modes and',
    'the owner of the copied folders.',
    '',
    '## With kubeadm',
    '',
    'kubeadm uses the certificates and kubeconfigs it finds on disk instead of making its own ("Using existing ...").',
    ...(single
      ? [
          '',
          'This PKI has a single authority, which kubeadm cannot work with: it needs `etcd/ca.key` and `front-proxy-ca.key`',
          'to make a joining control plane\'s certificates, so `install.sh` refuses its kubeadm modes. Generate the plan with',
          '`certificates.authorities: separate` for a kubeadm cluster, or build the cluster without kubeadm (below).',
        ]
      : [
          '',
          `1. On ${first}, before \`kubeadm init\`: \`bash ${INSTALL_SCRIPT} --kubeadm-init\` installs \`/etc/kubernetes/pki\` and`,
          '   the kubeconfigs kubeadm init would write (admin.conf, super-admin.conf, controller-manager.conf, scheduler.conf,',
          '   kubelet.conf). Then run `kubeadm init` with the same settings as the plan (control-plane endpoint, service',
          '   subnet, DNS domain, this node\'s name and address); it stops at a certificate whose names do not match them.',
          ...(others.length > 0
            ? [
                `2. On ${others.join(', ')}, before \`kubeadm join --control-plane\`: \`bash ${INSTALL_SCRIPT} --kubeadm-join-control-plane\``,
                '   installs only the files kubeadm\'s manual certificate distribution lists (ca, front-proxy-ca and etcd/ca',
                '   with their keys, sa.key, sa.pub); kubeadm makes that node\'s own certificates from them. Join without',
                '   `--certificate-key`. Do not install the node\'s kubelet.conf: `kubeadm join` refuses to run when',
                '   /etc/kubernetes/kubelet.conf exists.',
              ]
            : []),
          `${others.length > 0 ? '3' : '2'}. Worker nodes that join with \`kubeadm join\` need nothing from here: they get their kubelet certificate by`,
          '   TLS bootstrap, and kubeadm refuses to join a worker whose /etc/kubernetes/kubelet.conf or',
          '   /etc/kubernetes/pki/ca.crt exists. The worker folders are for clusters built without kubeadm.',
        ]),
    '',
    `The kubelet.conf of ${first} holds a client certificate valid for ${leaf}, as the one kubeadm init writes does. With`,
    'kubeadm the kubelet renews it before it expires (kubeadm turns on `rotateCertificates` and approves the renewal',
    'requests automatically) and kubeadm then points kubelet.conf at /var/lib/kubelet/pki/kubelet-client-current.pem.',
    '',
    '## Without kubeadm',
    '',
    `Run \`bash ${INSTALL_SCRIPT}\` (\`--all\`) on every node, then start each component with the flags listed under`,
    '"Who reads what". A cluster built by hand has no bootstrap tokens, so every node gets a static kubelet.conf: the',
    `kubelet logs in with its client certificate directly. That certificate expires after ${leaf}: renew it before then,`,
    'or let the kubelet renew it (`rotateCertificates: true` in its config, the controller-manager\'s',
    '`--cluster-signing-cert-file`/`--cluster-signing-key-file` set, and the ClusterRole',
    '`system:certificates.k8s.io:certificatesigningrequests:selfnodeclient` bound to the group `system:nodes` so the',
    'renewals are approved).',
    '',
    'The kubelet serving certificate (`/var/lib/kubelet/pki/kubelet.crt`) is signed by the cluster CA here; kubeadm would',
    'leave it self-signed. The kubelet uses it from that folder when `tlsCertFile`/`tlsPrivateKeyFile` are not set; set',
    '`--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt` on the API server to check it.',
  ];
}

/** When the configs and the RBAC files are needed: a cluster built by hand needs them all, kubeadm makes its own. */
function configsSection(model: PkiModel): string[] {
  const {plan} = model;
  const kubeadm = plan.certificates.layout === 'kubeadm';
  const superAdmin = kubeadm ? `${controlPlanes(plan)[0]!.name}/etc/kubernetes/super-admin.conf` : 'super-admin.kubeconfig';
  return [
    '## Component configs and RBAC',
    '',
    ...(kubeadm
      ? [
          `Each control-plane folder has \`${MANIFESTS_PATH}/\` (etcd, kube-apiserver, kube-controller-manager, kube-scheduler`,
          `static pods for Kubernetes ${plan.kubernetesVersion}) and every node folder has \`${KUBELET_CONFIG_PATH}\`. They carry kubeadm's`,
          'certificate flags for the files here. A cluster built without kubeadm uses them as they are (`install.sh --all` puts',
          'them in place); with kubeadm, `kubeadm init` and `join` write their own and the kubeadm modes of `install.sh` leave',
          'these out (kubeadm init refuses a manifests folder that is not empty). Read them to see which flag names which file.',
        ]
      : [
          `\`${FLAGS_FILE}\` lists each program's certificate flags on each node with these file names, as they are after copying`,
          `them into \`${FLAT_NODE_DIR}\` on the node. \`etcd.yaml\`, \`kube-apiserver.yaml\`, \`kube-controller-manager.yaml\`,`,
          `\`kube-scheduler.yaml\` (static pods for Kubernetes ${plan.kubernetesVersion}; \`-NODE\` with several control planes) and`,
          '`kubelet-config-NODE.yaml` carry the same flags.',
        ]),
    '',
    `\`${RBAC_FOLDER}/\` holds what a cluster built without kubeadm must apply once the API server runs, with the break-glass`,
    `credential: \`kubectl --kubeconfig ${superAdmin} apply -f ${RBAC_FOLDER}/\`. \`cluster-admins.yaml\` binds admin.conf's group to`,
    'cluster-admin (without it the administrator is Forbidden everything), `apiserver-to-kubelet.yaml` lets the API server',
    'call kubelets (`kubectl logs`, `exec`, `port-forward`), `kubelet-certificate-rotation.yaml` approves kubelets\' renewals.',
    'kubeadm init creates the equivalents itself: with kubeadm these three are not needed.',
    ...(plan.users.length > 0
      ? [
          '',
          `People need a binding in both cases: until one names the user or a group, a certificate gets them nothing (every`,
          `request is Forbidden). \`${userRbacPath('NAME')}\` has an example RoleBinding per group and the \`kubectl auth can-i\` line`,
          'to check it.',
        ]
      : []),
    '',
  ];
}

function singleAuthorityWarning(model: PkiModel): string[] {
  if (model.plan.certificates.authorities !== 'single') return [];
  return [
    '## One authority for everything',
    '',
    'This PKI was made with `authorities: single`: the cluster CA signs everything, and `etcd/ca.crt` and',
    '`front-proxy-ca.crt` are copies of `ca.crt`. So etcd trusts every certificate the cluster CA signs — any user\'s,',
    'kube-proxy\'s, a kubelet\'s — and any of them can read and write etcd, Secrets included; and the API server takes',
    'any such certificate for its front proxy, which may claim to be any user. kubeadm keeps three authorities to',
    'prevent exactly that: use `separate` for a cluster anyone else can reach.',
    '',
  ];
}

/** Nodes listed file by file for each set of files (a worker's, a control plane's); the others with the same set are
 *  named in one line. A 5,000-node README listing all 35,000 files was 7 MB: unreadable, and more than a re-run
 *  reads back. */
const LISTED_NODES_PER_SHAPE = 3;

function fileLines(entries: FileEntry[], certs: Map<string, CertSpec>, kubeconfigs: Map<string, KubeconfigSpec>): string[] {
  const byNode = new Map<string, FileEntry[]>();
  for (const e of entries) if (e.node !== undefined) byNode.set(e.node, [...(byNode.get(e.node) ?? []), e]);
  // Two nodes have the same shape when their files differ only by the node's name.
  const shapeOf = (node: string) => byNode.get(node)!.map((e) => `${e.path.split(node).join('\0')} ${e.mode} ${e.source.type}`).join('\n');
  const shapes = new Map<string, {listed: string[]; more: string[]}>();
  const folded = new Map<string, {like: string; more: string[]}>(); // the first folded node of a shape → its line
  const foldedNodes = new Set<string>();
  for (const node of byNode.keys()) {
    const key = shapeOf(node);
    const shape = shapes.get(key) ?? {listed: [], more: []};
    shapes.set(key, shape);
    if (shape.listed.length < LISTED_NODES_PER_SHAPE) {
      shape.listed.push(node);
      continue;
    }
    if (shape.more.length === 0) folded.set(node, {like: shape.listed[0]!, more: shape.more});
    shape.more.push(node);
    foldedNodes.add(node);
  }
  const lines: string[] = [];
  for (const entry of entries) {
    if (entry.node !== undefined && foldedNodes.has(entry.node)) {
      const group = folded.get(entry.node);
      if (group && entry === byNode.get(entry.node)![0]) {
        const {like, more} = group;
        const names = more.length === 1 ? `\`${more[0]}\`` : `\`${more[0]}\` … \`${more.at(-1)}\``;
        lines.push(`- ${more.length} more ${more.length === 1 ? 'node has' : 'nodes have'} the same files as \`${like}\`, each with its own name in their paths and certificates (${names}, in the plan's order)`);
      }
      continue;
    }
    lines.push(`- \`${entry.path}\` (${entry.mode.toString(8).padStart(4, '0')}): ${describe(entry, certs, kubeconfigs)}`);
  }
  return lines;
}

export function renderTreeReadme(model: PkiModel, entries: FileEntry[]): string {
  const {plan} = model;
  const certs = new Map(model.certs.map((c) => [c.id, c]));
  const kubeconfigs = new Map(model.kubeconfigs.map((k) => [k.id, k]));
  const lines: string[] = [
    `# Kubernetes PKI for cluster "${plan.clusterName}"`,
    '',
    'Generated by kubepki. Private keys (`*.key`, `sa.key`) and kubeconfigs are secrets: mode 0600, never commit them.',
    '',
    ...singleAuthorityWarning(model),
  ];
  if (plan.certificates.layout === 'kubeadm') {
    lines.push(...installSection(model));
  } else {
    lines.push(
      '## Layout: flat',
      '',
      'One folder with the component names used in courses (`ca`, `kube-apiserver`, `etcd-server`, `kubelet-NODE`, …).',
      'Certificates that exist once per control-plane node carry `-NODE` when there is more than one control-plane node.',
      'Users have their own folders under `users/`. Copy each file to the path your component\'s flag names (below).',
    );
  }
  lines.push('', ...configsSection(model), '## Files', '');
  lines.push(...fileLines(entries, certs, kubeconfigs));
  lines.push(`- \`${MAP_FILE}\` (${PUBLIC_MODE.toString(8).padStart(4, '0')}), when asked for (\`kubepki generate --map\`, or Map on the wizard's Output step): this PKI as a page for any browser, loading nothing; \`kubepki map DIR --html FILE\` draws it again`);
  lines.push('', '## Who reads what', '');
  // Each kind once, with the files it is in here: the flags name no file, so the names are always this layout's.
  const filesOf = new Map<string, string[]>();
  for (const e of entries) {
    const id = e.source.type === 'cert' ? e.source.spec : e.source.type === 'kubeconfig' ? kubeconfigs.get(e.source.kubeconfig)!.cert : undefined;
    const kind = id && certs.get(id)?.kind;
    if (kind) filesOf.set(kind, [...(filesOf.get(kind) ?? []), e.path]);
  }
  const seen = new Set<string>();
  for (const spec of model.certs) {
    if (seen.has(spec.kind)) continue;
    seen.add(spec.kind);
    const files = filesOf.get(spec.kind) ?? [];
    const shown = files.slice(0, 2).map((f) => `\`${f}\``).join(', ') + (files.length > 2 ? `, … (${files.length} files)` : '');
    lines.push(`- ${spec.kind} (${shown}): ${spec.flags.join('; ')}`);
  }
  lines.push(`- sa (\`sa.key\`, \`sa.pub\`): ${model.keyPairs[0]!.flags.join('; ')}`, '');
  return lines.join('\n');
}
