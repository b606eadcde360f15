// The built binary in a real terminal: a tmux session of a given size, keys sent one at a time, the screen read
// back. `npm test` builds first; a file run on its own builds only when dist/ is older than the sources.

import {existsSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {REPO} from './cli.js';

export const TMUX = '/usr/bin/tmux';
export const hasTmux = existsSync(TMUX);
const realTimeout = globalThis.setTimeout;
export const sleep = (ms: number) => new Promise<void>((r) => realTimeout(r, ms));
export const tmux = (...args: string[]) => execa(TMUX, args, {reject: false, timeout: 10_000});

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds dist/ when it is missing or older than src/ (rebuilding while other files run the binary could race). */
export async function ensureBuilt(): Promise<void> {
  const built = join(REPO, 'dist', 'cli', 'commands', 'wizard.js');
  if (!existsSync(built) || newest(join(REPO, 'src')) > statSync(built).mtimeMs) await execa('npm', ['run', 'build', '--silent'], {cwd: REPO, timeout: 120_000});
}

export interface Pane {
  screen: () => Promise<string>;
  keys: (...keys: string[]) => Promise<void>;
  /** The screen once it shows `text` (generous: on a loaded machine a first frame can take seconds). */
  waitFor: (text: string | RegExp) => Promise<string>;
  kill: () => Promise<void>;
}

/** Runs `command` in a detached session of `columns`×`rows`. */
export async function openPane(session: string, columns: number, rows: number, command: string): Promise<Pane> {
  const r = await tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), command);
  if (r.exitCode !== 0) throw new Error(`tmux: ${String(r.stderr)}`);
  const screen = async () => String((await tmux('capture-pane', '-p', '-t', session)).stdout);
  return {
    screen,
    keys: async (...keys) => {
      for (const key of keys) {
        await tmux('send-keys', '-t', session, key);
        await sleep(250);
      }
    },
    waitFor: async (text) => {
      let seen = '';
      for (let i = 0; i < 300; i++) {
        seen = await screen();
        if (typeof text === 'string' ? seen.includes(text) : text.test(seen)) return seen;
        await sleep(100);
      }
      throw new Error(`no screen showed ${String(text)}; last:\n${seen}`);
    },
    kill: async () => {
      await tmux('kill-session', '-t', session);
    },
  };
}
