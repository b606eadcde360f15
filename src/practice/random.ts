// A small seeded random source, so a practice run can be replayed from its seed while two runs still differ.

import {randomInt} from 'node:crypto';

export interface Rng {
  seed: number;
  /** A float in [0, 1). */
  next: () => number;
  int: (maxExclusive: number) => number;
  pick: <T>(items: readonly T[]) => T;
  /** `count` distinct items in random order. */
  sample: <T>(items: readonly T[], count: number) => T[];
  shuffle: <T>(items: readonly T[]) => T[];
}

/** mulberry32: tiny, fast and good enough to vary labs and distractors (not for keys: those use node:crypto). */
export function makeRng(seed: number = randomInt(2 ** 31)): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (max: number): number => Math.floor(next() * max);
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return {
    seed,
    next,
    int,
    pick: (items) => items[int(items.length)]!,
    sample: (items, count) => shuffle(items).slice(0, count),
    shuffle,
  };
}
