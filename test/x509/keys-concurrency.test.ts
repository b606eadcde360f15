// generateKeys keeps at most `concurrency` (and at most the libuv pool size) key jobs in flight,
// observed by wrapping node:crypto's generateKeyPair.

import {availableParallelism} from 'node:os';
import {beforeEach, describe, expect, it, vi} from 'vitest';
import {generateKeys, threadPoolSize} from '../../src/x509/keys.js';

const inflight = vi.hoisted(() => ({now: 0, max: 0}));

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  // Only the callback form kubepki uses: (type, options, callback).
  const generateKeyPair = (type: string, options: unknown, callback: (...args: unknown[]) => void) => {
    inflight.now++;
    inflight.max = Math.max(inflight.max, inflight.now);
    const original = real.generateKeyPair as unknown as (t: string, o: unknown, cb: (...args: unknown[]) => void) => void;
    original(type, options, (...args) => {
      inflight.now--;
      callback(...args);
    });
  };
  return {...real, default: {...real, generateKeyPair}, generateKeyPair};
});

const requests = (n: number) => Array.from({length: n}, (_, i) => ({id: `k${i}`, alg: 'RSA-2048' as const}));

describe('generateKeys concurrency', () => {
  beforeEach(() => {
    inflight.now = 0;
    inflight.max = 0;
  });

  it('never exceeds the requested concurrency', async () => {
    const keys = await generateKeys(requests(5), {concurrency: 2});
    expect(keys.size).toBe(5);
    expect(inflight.max).toBe(2);
  });

  it('caps a larger request at the libuv pool size (more would only queue where abort cannot reach)', async () => {
    await generateKeys(requests(6), {concurrency: 64});
    expect(inflight.max).toBe(Math.min(6, threadPoolSize()));
  });

  it('defaults to the number of cores, within the pool', async () => {
    await generateKeys(requests(6));
    expect(inflight.max).toBe(Math.min(6, availableParallelism(), threadPoolSize()));
  });
});
