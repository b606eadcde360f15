// Helpers for ink-testing-library: settle() lets Ink render after input (a frame lags its key by two
// event-loop turns), waitFor() polls by attempts (Date may be fake), press() writes keys one at a time.

import {vi} from 'vitest';

const realImmediate = globalThis.setImmediate; // read at import, before any test fakes it
const realTimeout = globalThis.setTimeout;
const turn = () => new Promise<void>((resolve) => realImmediate(resolve));

export async function settle(): Promise<void> {
  if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(20);
  await turn();
  await turn();
}

/** Retry until `check` neither throws nor returns false. */
export async function waitFor(check: () => unknown, attempts = 100): Promise<void> {
  let failure: unknown = new Error('condition never held');
  for (let n = 0; n < attempts; n++) {
    try {
      if (check() !== false) return;
    } catch (error) {
      failure = error;
    }
    await settle();
  }
  throw failure;
}

/** The frame with every run of whitespace made one space: messages wrap wherever the width says. */
export const flat = (frame: string): string => frame.replace(/\s+/g, ' ');

export async function frameWith(frame: () => string | undefined, text: string, attempts = 100): Promise<string> {
  let seen = '';
  await waitFor(() => (seen = frame() ?? '').includes(text) || flat(seen).includes(text), attempts).catch(() => {
    throw new Error(`no frame contained ${JSON.stringify(text)}; last:\n${seen}`);
  });
  return seen;
}

/** Like frameWith, for slow work (key generation): polls every 25 ms of real time up to `ms`. */
export async function eventuallyFrameWith(frame: () => string | undefined, text: string, ms = 30_000): Promise<string> {
  let seen = '';
  for (let waited = 0; waited < ms; waited += 25) {
    seen = frame() ?? '';
    if (seen.includes(text)) return seen;
    await new Promise<void>((resolve) => realTimeout(resolve, 25));
    await settle();
  }
  throw new Error(`no frame contained ${JSON.stringify(text)} within ${ms} ms; last:\n${seen}`);
}

export const KEY = {
  enter: '\r', esc: '\u001B', up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', left: '\u001B[D', tab: '\t',
  backspace: '\u007F', ctrlC: '\u0003',
} as const;

export async function press(stdin: {write(data: string): void}, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    stdin.write(key);
    await settle();
    if (key === KEY.esc) await settle(); // Ink holds a lone Esc a turn, to tell it from Alt+key
  }
}

/** Sets the fake terminal's size and tells Ink (ink-testing-library fixes 100 columns). */
export function resize(stdout: NodeJS.EventEmitter, columns: number, rows = 24): void {
  Object.defineProperty(stdout, 'columns', {value: columns, configurable: true});
  Object.defineProperty(stdout, 'rows', {value: rows, configurable: true});
  stdout.emit('resize');
}
