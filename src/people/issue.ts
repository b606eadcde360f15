// Onboarding one person: a key, a PKCS#10 request and its CertificateSigningRequest object, and with the CA at
// hand the certificate and a ready kubeconfig — all from the catalog's `user` kind through resolve(), so the
// certificate is the one the plan would make for them. Files are new or nothing is written.

import {basename, join} from 'node:path';
import {renderKubeconfig} from '../kube/kubeconfig.js';
import {specId} from '../pki/catalog.js';
import {layoutFiles, PUBLIC_MODE, SECRET_MODE, type FileEntry} from '../pki/layout.js';
import {specById, type CertSpec, type KubeconfigSpec, type PkiModel} from '../pki/model.js';
import {profileOf} from '../pki/profile.js';
import {resolve} from '../pki/resolve.js';
import {escapeText} from '../plan/escape.js';
import {MASTERS_GROUP} from '../plan/identities.js';
import type {Plan, PlanUser} from '../plan/types.js';
import {acquireLock} from '../output/lock.js';
import {readExisting} from '../output/read-existing.js';
import type {RenderedFile} from '../output/render.js';
import {blockedFolders, prepareOutputDir, writeTree} from '../output/write.js';
import {buildCertificate, selfCheck} from '../x509/build.js';
import {buildCsr} from '../x509/csr.js';
import {generateKeys, type KeySource} from '../x509/keys.js';
import type {LoadedCa} from './ca.js';
import {csrManifest} from './csr-manifest.js';
import {PersonError} from './errors.js';
import type {SigningMode} from './person.js';
import {personSteps, type StepsInput} from './steps.js';

/** Where a person's files go: the tree's own place (`users/NAME/`, as generate puts people), or a folder of their own. */
export type Placement = 'tree' | 'folder';

export interface PersonPaths {
  key: string;
  csr: string;
  manifest: string;
  cert: string;
  kubeconfig: string;
  steps: string;
}

/** The person's certificate, kubeconfig and the model they come from. */
export interface PersonModel {
  model: PkiModel;
  user: PlanUser;
  spec: CertSpec;
  kubeconfig: KubeconfigSpec;
}

export function personModel(plan: Plan, user: PlanUser): PersonModel {
  const model = resolve(plan);
  const spec = specById(model, specId('user', {user: user.name}));
  const kubeconfig = model.kubeconfigs.find((k) => k.cert === spec.id);
  if (!kubeconfig) throw new Error(`internal: no kubeconfig for ${spec.id}`);
  return {model, user, spec, kubeconfig};
}

/** The layout's paths for the person (users/NAME/NAME.crt, .key, .kubeconfig), and the request files beside them. */
export function personPaths(pm: PersonModel, placement: Placement): PersonPaths {
  const own = layoutFiles(pm.model).filter((e) => e.user === pm.user.name);
  const find = (type: FileEntry['source']['type']) => {
    const entry = own.find((e) => e.source.type === type);
    if (!entry) throw new Error(`internal: the layout places no ${type} for ${pm.user.name}`);
    return placement === 'tree' ? entry.path : basename(entry.path);
  };
  const key = find('key');
  const stem = key.replace(/\.key$/, '');
  return {key, csr: `${stem}.csr`, manifest: `${stem}-csr.yaml`, cert: find('cert'), kubeconfig: find('kubeconfig'), steps: `${stem}-steps.txt`};
}

export interface IssueRequest {
  pm: PersonModel;
  mode: SigningMode;
  /** Needed for local signing. */
  ca?: LoadedCa;
  /** The folder the paths are relative to, as the user named it. */
  root: string;
  placement: Placement;
  keys?: KeySource;
  now?: Date;
  signal?: AbortSignal;
  /** The folder relative paths start from (tests; the CLI's current folder otherwise). */
  cwd?: string;
}

export interface IssueResult {
  /** The output folder, absolute. */
  root: string;
  files: {path: string; mode: number}[];
  steps: string[];
}

/** The CSR API refuses system:masters, so no CertificateSigningRequest object is written for it. */
const csrApiAccepts = (user: PlanUser): boolean => !user.groups.includes(MASTERS_GROUP);

/** Refuses to start when any file it would write is there already (or a link or file blocks a folder). */
async function refuseExisting(root: string, paths: string[]): Promise<void> {
  const blocked = await blockedFolders(root, paths);
  const present: string[] = [];
  for (const p of paths) if ((await readExisting(join(root, p))).kind !== 'absent') present.push(p);
  const taken = [...blocked, ...present];
  if (taken.length > 0) {
    throw new PersonError('failure', `${escapeText(root, 200)} already holds ${taken.map((p) => escapeText(p, 200)).join(', ')}`,
      'kubepki never replaces a key or certificate: choose another --out, or move those files away');
  }
}

export async function issuePerson(req: IssueRequest): Promise<IssueResult> {
  const {pm, mode} = req;
  const now = req.now ?? new Date();
  if (mode === 'local' && !req.ca) throw new Error('internal: local signing needs the CA');
  const paths = personPaths(pm, req.placement);
  const withManifest = csrApiAccepts(pm.user);
  const planned = [paths.key, paths.csr, ...(withManifest ? [paths.manifest] : []), ...(mode === 'local' ? [paths.cert, paths.kubeconfig] : []), paths.steps];
  const root = await prepareOutputDir(req.root, req.cwd);
  const {release} = await acquireLock(root);
  try {
    await refuseExisting(root, planned);
    const {spec} = pm;
    const key = (await (req.keys ?? generateKeys)([{id: spec.id, alg: spec.keyAlgorithm}], req.signal ? {signal: req.signal} : {})).get(spec.id)!;
    const profile = profileOf(spec, specById(pm.model, spec.signer));
    const csrPem = buildCsr({subject: profile.subject, privateKeyPem: key.privateKeyPem, signatureAlgorithm: profile.signatureAlgorithm, digest: profile.digest});
    const files: RenderedFile[] = [
      {path: paths.key, content: key.privateKeyPem, mode: SECRET_MODE},
      {path: paths.csr, content: csrPem, mode: PUBLIC_MODE},
    ];
    if (withManifest) {
      files.push({path: paths.manifest, content: csrManifest({name: pm.user.name, csrPem, expirationSeconds: spec.validityHours * 3600}), mode: PUBLIC_MODE});
    }
    if (mode === 'local') {
      const ca = req.ca!;
      const certPem = buildCertificate({
        profile,
        publicKeyPem: key.publicKeyPem,
        notBefore: new Date(now.getTime() - profile.validity.backdateMs),
        notAfter: new Date(now.getTime() + profile.validity.hours * 3600_000),
        issuer: {certPem: ca.certPem, privateKeyPem: ca.keyPem},
      });
      selfCheck(certPem, ca.certPem, key.privateKeyPem);
      files.push({path: paths.cert, content: certPem, mode: PUBLIC_MODE});
      files.push({path: paths.kubeconfig, content: renderKubeconfig(pm.kubeconfig, {caPem: ca.certPem, certPem, keyPem: key.privateKeyPem}), mode: SECRET_MODE});
    }
    const shown = (p: string) => join(req.root, p);
    const stepsInput: StepsInput = {
      name: pm.user.name,
      subject: spec.subject,
      mode,
      clusterName: pm.kubeconfig.clusterName,
      contextName: pm.kubeconfig.contextName,
      days: Math.ceil(spec.validityHours / 24),
      paths: {
        key: shown(paths.key), csr: shown(paths.csr), cert: shown(paths.cert),
        ...(withManifest ? {manifest: shown(paths.manifest)} : {}),
        ...(mode === 'local' ? {kubeconfig: shown(paths.kubeconfig)} : {}),
      },
      ...(req.ca ? {caCertPath: req.ca.certPath} : {}),
    };
    const steps = personSteps(stepsInput);
    files.push({path: paths.steps, content: `${steps.join('\n')}\n`, mode: PUBLIC_MODE});
    req.signal?.throwIfAborted();
    await writeTree(root, files, req.signal ? {signal: req.signal} : {});
    return {root, files: files.map((f) => ({path: f.path, mode: f.mode})), steps};
  } finally {
    await release();
  }
}
