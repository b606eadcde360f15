// resolve(): a validated Plan becomes the PkiModel, by expanding each catalog kind over the plan's
// nodes and users. Pure: no keys, no files, so every view (backends, wizard, lessons) can call it.

import {DEFAULTS} from '../plan/defaults.js';
import {parseDurationHours} from '../plan/duration.js';
import {httpsUrl, splitHostPort} from '../plan/net.js';
import {controlPlanes, isControlPlane, type Plan} from '../plan/types.js';
import {ALL_KINDS, kubeconfigId, SA_KEY_PAIR, specId, type CertKind, type KindContext} from './catalog.js';
import {readByText} from './components.js';
import type {CertSpec, KubeconfigSpec, PkiModel} from './model.js';

/** The id of the spec that really signs a kind: with `authorities: single` the cluster CA signs everything. */
export function signerOf(plan: Plan, kind: CertKind): string {
  return plan.certificates.authorities === 'single' ? 'ca' : kind.issuer;
}


function contexts(plan: Plan, kind: CertKind): KindContext[] {
  const cps = controlPlanes(plan);
  const table: Record<CertKind['scope'], () => KindContext[]> = {
    cluster: () => [{plan}],
    'control-plane': () => cps.map((node) => ({plan, node})),
    'first-control-plane': () => cps.slice(0, 1).map((node) => ({plan, node})),
    'every-node': () => plan.nodes.map((node) => ({plan, node})),
    user: () => plan.users.map((user) => ({plan, user})),
  };
  return table[kind.scope]();
}

const ownerOf = (ctx: KindContext) => ({...(ctx.node ? {node: ctx.node.name} : {}), ...(ctx.user ? {user: ctx.user.name} : {})});

function toSpec(plan: Plan, kind: CertKind, ctx: KindContext): CertSpec {
  const sans = kind.sans?.(ctx) ?? {dns: [], ips: [], reasons: {}};
  const period = kind.isCA ? plan.certificates.caCertificateValidityPeriod : plan.certificates.certificateValidityPeriod;
  return {
    id: specId(kind.id, ownerOf(ctx)),
    kind: kind.id,
    about: kind.about,
    ...ownerOf(ctx),
    isCA: kind.isCA === true,
    signer: kind.isCA ? kind.id : signerOf(plan, kind),
    subject: kind.subject(ctx),
    usages: kind.usages,
    sans: {dns: sans.dns, ips: sans.ips},
    sanReasons: sans.reasons,
    keyAlgorithm: plan.certificates.encryptionAlgorithm,
    validityHours: parseDurationHours(period) ?? NaN,
    flags: readByText(kind.id, () => kind.subject(ctx).cn),
  };
}

/** The https URL a kubeconfig of `kind` uses from `ctx`'s node (kubeadm's rules; see KubeconfigServer). */
function serverFor(plan: Plan, kind: CertKind, ctx: KindContext): string {
  const port = DEFAULTS.apiServerPort;
  const firstCp = controlPlanes(plan)[0]!;
  const server = kind.kubeconfig!.server;
  const local = server === 'local' || (server === 'local-on-control-plane' && ctx.node !== undefined && isControlPlane(ctx.node));
  if (!local && plan.controlPlaneEndpoint) {
    const ep = splitHostPort(plan.controlPlaneEndpoint)!;
    return httpsUrl(ep.host, ep.port ?? port);
  }
  return httpsUrl((local ? ctx.node : firstCp)?.address ?? firstCp.address, port);
}

/** A kubeconfig for every client certificate whose kind has one: the user is the certificate's CN. */
function kubeconfigOf(plan: Plan, kind: CertKind, ctx: KindContext, spec: CertSpec): KubeconfigSpec {
  const cluster = plan.clusterName;
  const userName = spec.subject.cn;
  return {
    id: kubeconfigId(kind, ownerOf(ctx)),
    about: kind.kubeconfig!.about(ctx),
    cert: spec.id,
    authority: 'ca',
    clusterName: cluster,
    server: serverFor(plan, kind, ctx),
    userName,
    contextName: `${userName}@${cluster}`,
    ...(ctx.node ? {node: ctx.node.name} : {}),
  };
}

/** Expands a validated plan into every certificate, key pair and kubeconfig it implies. */
export function resolve(plan: Plan): PkiModel {
  const kinds = ALL_KINDS.filter((k) => !(k.isCA && k.id !== 'ca' && plan.certificates.authorities === 'single'));
  const certs: CertSpec[] = [];
  const kubeconfigs: KubeconfigSpec[] = [];
  for (const kind of kinds) {
    for (const ctx of contexts(plan, kind)) {
      const spec = toSpec(plan, kind, ctx);
      certs.push(spec);
      if (kind.kubeconfig) kubeconfigs.push(kubeconfigOf(plan, kind, ctx, spec));
    }
  }
  return {
    plan,
    certs,
    keyPairs: [{...SA_KEY_PAIR, keyAlgorithm: plan.certificates.encryptionAlgorithm}],
    kubeconfigs,
  };
}
