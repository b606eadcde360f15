// The role guess, from the catalog's identities: every kind a plan resolves to is recognised from its own spec
// (subject, usages, issuer, file name), and certificates outside the catalog get an honest guess.

import {describe, expect, it} from 'vitest';
import {guessRole} from '../../src/inspect/role.js';
import {layoutFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';
import {examplePlan} from '../../src/plan/defaults.js';

describe('guessRole', () => {
  it('recognises every certificate of a resolved plan as its own catalog kind, owner included', () => {
    const model = resolve(examplePlan('ha'));
    const paths = new Map<string, string>();
    for (const e of layoutFiles(model)) if (e.source.type === 'cert' && !paths.has(e.source.spec)) paths.set(e.source.spec, e.path);
    const byId = new Map(model.certs.map((c) => [c.id, c]));
    for (const spec of model.certs) {
      const issuer = byId.get(spec.signer)!;
      const role = guessRole({cn: spec.subject.cn, o: spec.subject.o, isCA: spec.isCA, usages: spec.usages, issuerCn: issuer.subject.cn, path: paths.get(spec.id)});
      expect(role.kind, spec.id).toBe(spec.kind);
      // The node is named where the certificate itself names it (kubelets, etcd), never guessed otherwise.
      expect(role.node, spec.id).toBe(spec.node && spec.subject.cn.includes(spec.node) ? spec.node : undefined);
    }
  });

  it('says it in the words people use', () => {
    expect(guessRole({cn: 'system:node:node01', o: ['system:nodes'], isCA: false, usages: ['clientAuth']}).text).toBe('kubelet client for node01');
    expect(guessRole({cn: 'john', o: ['developers', 'qa'], isCA: false, usages: ['clientAuth'], issuerCn: 'kubernetes'}))
      .toMatchObject({kind: 'user', text: 'user john in developers, qa', user: 'john', groups: ['developers', 'qa']});
    expect(guessRole({cn: 'cp-2', o: [], isCA: false, usages: ['serverAuth', 'clientAuth'], issuerCn: 'etcd-ca', path: 'pki/etcd/peer.crt'}).text).toBe('etcd peer for cp-2');
    expect(guessRole({cn: 'kube-apiserver', o: [], isCA: false, usages: ['serverAuth']}).text).toBe('apiserver serving');
    expect(guessRole({cn: 'front-proxy-client', o: [], isCA: false, usages: ['clientAuth']}).text).toBe('front-proxy client');
    expect(guessRole({cn: 'kubernetes', o: [], isCA: true, usages: []}).text).toBe('cluster CA');
  });

  it('keeps an etcd server and peer apart only when the file name says which, and guesses outside the catalog', () => {
    const etcd = guessRole({cn: 'cp-2', o: [], isCA: false, usages: ['serverAuth', 'clientAuth'], issuerCn: 'etcd-ca'});
    expect(etcd).toMatchObject({text: 'etcd server or peer for cp-2', confidence: 'guess'});
    expect(guessRole({cn: 'my-root', o: [], isCA: true, usages: []})).toEqual({text: 'a CA named my-root', confidence: 'guess'});
    expect(guessRole({cn: 'web.example', o: [], isCA: false, usages: ['serverAuth']}).kind).toBeUndefined();
  });
});
