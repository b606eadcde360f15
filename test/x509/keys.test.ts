// Key generation: PKCS#1/SPKI PEM with LF endings, bounded parallel generation, abort.

import {createPrivateKey, createPublicKey} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import type {KeyAlgorithm} from '../../src/plan/types.js';
import {generateKeys, generateRsaKey, threadPoolSize, type RsaBits} from '../../src/x509/keys.js';

describe('generateRsaKey', () => {
  it('returns a PKCS#1 private key and an SPKI public key of the same pair, LF only', async () => {
    const key = await generateRsaKey(2048);
    expect(key.privateKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n[\s\S]+\n-----END RSA PRIVATE KEY-----\n$/);
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    expect(key.privateKeyPem + key.publicKeyPem).not.toContain('\r');
    const priv = createPrivateKey(key.privateKeyPem);
    expect(priv.asymmetricKeyDetails).toMatchObject({modulusLength: 2048, publicExponent: 65537n});
    expect(createPublicKey(priv).equals(createPublicKey(key.publicKeyPem))).toBe(true);
  });

  it('refuses sizes other than 2048, 3072 and 4096', async () => {
    await expect(generateRsaKey(1024 as RsaBits)).rejects.toThrow(/2048, 3072 or 4096/);
  });
});

describe('generateKeys', () => {
  const four = ['ca', 'apiserver', 'kubelet-client', 'sa'].map((id) => ({id, alg: 'RSA-2048' as const}));

  it('makes four distinct keys in parallel, in request order, reporting each once', async () => {
    const seen: string[] = [];
    const keys = await generateKeys(four, {onKey: (id) => seen.push(id)});
    expect([...keys.keys()]).toEqual(four.map((r) => r.id));
    expect(seen.sort()).toEqual(four.map((r) => r.id).sort());
    const all = [...keys.values()];
    expect(new Set(all.map((k) => k.privateKeyPem)).size).toBe(4);
    expect(new Set(all.map((k) => k.publicKeyPem)).size).toBe(4);
    for (const k of all) expect(createPublicKey(createPrivateKey(k.privateKeyPem)).equals(createPublicKey(k.publicKeyPem))).toBe(true);
  });

  it('with concurrency 1 finishes keys strictly in order', async () => {
    const seen: string[] = [];
    await generateKeys(four.slice(0, 3), {concurrency: 1, onKey: (id) => seen.push(id)});
    expect(seen).toEqual(['ca', 'apiserver', 'kubelet-client']);
  });

  it('hands over each key as node:crypto made it too, the same key as its PEM (native mode signs without decoding)', async () => {
    const keys = await generateKeys([{id: 'ec', alg: 'ECDSA-P256'}, {id: 'rsa', alg: 'RSA-2048'}]);
    for (const [id, k] of keys) {
      expect(k.privateKey, id).toBeDefined();
      expect(k.privateKey!.export({type: id === 'ec' ? 'sec1' : 'pkcs1', format: 'pem'}), id).toBe(k.privateKeyPem);
      expect(createPublicKey(k.privateKey!).export({type: 'spki', format: 'pem'}), id).toBe(k.publicKeyPem);
      expect(k.privateKeyPem).toMatch(id === 'ec' ? /^-----BEGIN EC PRIVATE KEY-----\n/ : /^-----BEGIN RSA PRIVATE KEY-----\n/);
    }
  });

  it('returns an empty map for no requests', async () => {
    expect((await generateKeys([])).size).toBe(0);
  });

  it('refuses bad options and requests before doing any work', async () => {
    await expect(generateKeys(four, {concurrency: 0})).rejects.toThrow(/positive integer/);
    await expect(generateKeys(four, {concurrency: 1.5})).rejects.toThrow(/positive integer/);
    await expect(generateKeys([four[0]!, four[0]!])).rejects.toThrow(/duplicate key id "ca"/);
    await expect(generateKeys([{id: 'x', alg: 'ECDSA-P521' as KeyAlgorithm}])).rejects.toThrow(/unsupported/);
  });

  it('rejects at once with an already aborted signal', async () => {
    const onKey = (id: string) => {
      throw new Error(`no key expected, got ${id}`);
    };
    await expect(generateKeys(four, {signal: AbortSignal.abort(), onKey})).rejects.toMatchObject({name: 'AbortError'});
  });

  it('stops on abort: rejects with the reason and reports no further keys', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const many = Array.from({length: 12}, (_, i) => ({id: `k${i}`, alg: 'RSA-2048' as const}));
    const run = generateKeys(many, {
      concurrency: 2,
      signal: controller.signal,
      onKey: (id) => {
        seen.push(id);
        controller.abort(new Error('user pressed Ctrl-C'));
      },
    });
    await expect(run).rejects.toThrow('user pressed Ctrl-C');
    const atAbort = seen.length;
    // A key already in libuv finishes, but is dropped rather than reported.
    await new Promise((r) => setTimeout(r, 600));
    expect(seen.length).toBe(atAbort);
    expect(atAbort).toBe(1);
  });

  it('fails the run when onKey throws', async () => {
    const onKey = () => {
      throw new Error('progress display broke');
    };
    await expect(generateKeys(four.slice(0, 2), {onKey})).rejects.toThrow('progress display broke');
  });
});

describe('threadPoolSize', () => {
  it('reads UV_THREADPOOL_SIZE like libuv: default 4, at most 1024', () => {
    expect(threadPoolSize({})).toBe(4);
    expect(threadPoolSize({UV_THREADPOOL_SIZE: '16'})).toBe(16);
    expect(threadPoolSize({UV_THREADPOOL_SIZE: '5000'})).toBe(1024);
    expect(threadPoolSize({UV_THREADPOOL_SIZE: 'lots'})).toBe(4);
    expect(threadPoolSize({UV_THREADPOOL_SIZE: '0'})).toBe(4);
  });
});
