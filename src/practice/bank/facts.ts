// Facts about a lab read from its files, in the words questions use: a certificate's names, dates and the file
// a flag names. Every cluster question goes through here, so no answer is typed into the bank.

import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {manifestFlag as manifestFlagIn} from '../../kube/manifest-flags.js';
import {FILE_FLAGS, type Component} from '../../pki/components.js';
import {MANIFESTS_PATH} from '../../pki/config-files.js';
import {SA_KEY_PAIR, type KindId} from '../../pki/catalog.js';
import {cnOf, issuerCnOf, labCert, orgsOf, type LabCert, type LabCluster} from '../lab.js';

export {cnOf, issuerCnOf, labCert, orgsOf};

export const sansOf = (c: LabCert): {dns: string[]; ips: string[]} => ({dns: c.profile.san?.dns ?? [], ips: c.profile.san?.ips ?? []});
export const allSans = (c: LabCert): string[] => [...sansOf(c).dns, ...sansOf(c).ips];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A date as `openssl x509 -enddate` prints it: `Nov  9 05:56:40 2027 GMT`. */
export function opensslDate(d: Date): string {
  const hms = d.toISOString().slice(11, 19);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms} ${d.getUTCFullYear()} GMT`;
}

export const lifetimeHours = (c: LabCert): number => (c.profile.notAfter.getTime() - c.profile.notBefore.getTime()) / 3_600_000;

/** A flag's value as the lab's static pod manifest for `component` writes it, when there is one. */
function manifestFlag(lab: LabCluster, component: Component, flag: string): string | undefined {
  const file = join(lab.nodeRoot, MANIFESTS_PATH, `${component}.yaml`);
  if (!existsSync(file)) return undefined;
  return manifestFlagIn(readFileSync(file, 'utf8'), flag);
}

/** The node path a component's flag names in this lab: read from its manifest, or where the catalog puts the
 *  file when the component has none (the certificate's own file, its key beside it, sa.key/pub). */
export function flagPath(lab: LabCluster, component: Component, flag: string): string {
  const fromManifest = manifestFlag(lab, component, flag);
  if (fromManifest) return fromManifest;
  const use = FILE_FLAGS.find((x) => x.component === component && x.flag === flag);
  if (!use) throw new Error(`no ${component} ${flag} in the flag table`);
  if (use.source === 'sa') return `/${SA_KEY_PAIR.kubeadmPath}.${use.part === 'pub' ? 'pub' : 'key'}`;
  const cert = labCert(lab, use.source as KindId);
  if (use.part === 'key') return cert.nodePath.replace(/\.crt$/, '.key');
  return cert.nodePath;
}
