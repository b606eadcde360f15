// The one reader of a static pod manifest's flags: both spellings of a flag, bare switches, args after command,
// and a plain reason when the text is not a manifest.

import {describe, expect, it} from 'vitest';
import {manifestFlag, readManifestFlags} from '../../src/kube/manifest-flags.js';

const pod = (containers: string) => `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n${containers}`;

describe('readManifestFlags', () => {
  it('reads --flag=value, --flag value and a bare switch, command and args together', () => {
    const read = readManifestFlags(pod([
      '    - name: etcd',
      '      command: [/usr/local/bin/etcd, --cert-file=/etc/kubernetes/pki/etcd/server.crt, --key-file, /etc/kubernetes/pki/etcd/server.key, --client-cert-auth]',
      '      args: [--snapshot-count, 10000]',
      '    - name: sidecar',
      '      command: [sh]',
      '',
    ].join('\n')));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const [etcd, sidecar] = read.containers;
    expect(etcd).toMatchObject({name: 'etcd', program: 'etcd'});
    expect(Object.fromEntries(etcd!.flags)).toEqual({
      '--cert-file': '/etc/kubernetes/pki/etcd/server.crt',
      '--key-file': '/etc/kubernetes/pki/etcd/server.key',
      '--client-cert-auth': 'true',
      '--snapshot-count': '10000',
    });
    expect(sidecar).toMatchObject({name: 'sidecar', program: 'sh'});
    expect(sidecar!.flags.size).toBe(0);
  });

  it('says why a text is not a manifest it can read', () => {
    expect(readManifestFlags('spec: [unclosed')).toMatchObject({ok: false, reason: expect.stringMatching(/not valid YAML/)});
    expect(readManifestFlags('kind: Pod\nspec: {}\n')).toEqual({ok: false, reason: 'the manifest has no spec.containers[0].command list'});
  });

  it('gives one flag of the first container, or nothing', () => {
    const text = pod('    - command: [kube-apiserver, --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt]\n');
    expect(manifestFlag(text, '--etcd-cafile')).toBe('/etc/kubernetes/pki/etcd/ca.crt');
    expect(manifestFlag(text, '--client-ca-file')).toBeUndefined();
    expect(manifestFlag(':::', '--etcd-cafile')).toBeUndefined();
  });
});
