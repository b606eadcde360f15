// The table of which program reads which file: every row names a file the catalog places, every certificate is
// read by someone, and the "read by" texts people see are built from it.

import {describe, expect, it} from 'vitest';
import {ALL_KINDS, kindById, SA_KEY_PAIR} from '../../src/pki/catalog.js';
import {COMPONENTS, FILE_FLAGS, flagsOf, readByText} from '../../src/pki/components.js';
import {resolve} from '../../src/pki/resolve.js';
import {examplePlan} from '../../src/plan/defaults.js';
import {FRONT_PROXY_CLIENT_USER} from '../../src/plan/identities.js';

describe('FILE_FLAGS', () => {
  it('names only files the catalog places: cert/key of kinds with files, kubeconfigs of kinds that have one', () => {
    const wrong = FILE_FLAGS.filter((use) => {
      if (use.source === 'sa') return use.part !== 'key' && use.part !== 'pub';
      const kind = kindById(use.source);
      if (use.part === 'kubeconfig') return !kind.kubeconfig;
      if (use.part === 'cn') return false;
      if (use.part === 'pub') return true;
      return !kind.kubeadmPath && !kind.kubeconfig; // people's certificates are files in users/NAME/ too
    });
    expect(wrong).toEqual([]);
  });

  it('has every certificate kind and the service-account keys read by some program', () => {
    const read = new Set(FILE_FLAGS.map((use) => use.source));
    expect(ALL_KINDS.map((k) => k.id).filter((id) => !read.has(id))).toEqual([]);
    expect(read.has('sa')).toBe(true);
  });

  it('gives each flag of a component one meaning, and a reason wherever kubeadm does not set it', () => {
    for (const component of COMPONENTS) {
      const flags = flagsOf(component).filter((use) => use.component !== 'kubectl').map((use) => use.flag);
      expect(new Set(flags).size, component).toBe(flags.length);
    }
    expect(FILE_FLAGS.filter((use) => !use.kubeadm && !use.why)).toEqual([]);
  });
});

describe('readByText', () => {
  it('joins one component’s flags and shows a value flag’s value and an sa flag’s file', () => {
    expect(readByText('etcd-ca')).toEqual(['kube-apiserver --etcd-cafile', 'etcd --trusted-ca-file/--peer-trusted-ca-file', 'etcdctl --cacert']);
    expect(readByText('front-proxy-client', () => FRONT_PROXY_CLIENT_USER)).toEqual([
      `kube-apiserver --proxy-client-cert-file/--proxy-client-key-file/--requestheader-allowed-names=${FRONT_PROXY_CLIENT_USER}`,
    ]);
    expect(readByText('sa', undefined, ['pub'])).toEqual(['kube-apiserver --service-account-key-file (sa.pub)']);
    expect(SA_KEY_PAIR.flags).toEqual([
      'kube-apiserver --service-account-key-file (sa.pub)/--service-account-signing-key-file (sa.key)',
      'kube-controller-manager --service-account-private-key-file (sa.key)',
    ]);
  });

  it('is what every resolved certificate says it is read by', () => {
    const model = resolve(examplePlan('ha'));
    const apiserver = model.certs.find((c) => c.id === 'apiserver@cp-1')!;
    expect(apiserver.flags).toEqual(['kube-apiserver --tls-cert-file/--tls-private-key-file']);
    for (const spec of model.certs) expect(spec.flags.length, spec.id).toBeGreaterThan(0);
  });
});
