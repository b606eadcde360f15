// The built binary in a real terminal: tmux sessions the e2e tests drive key by key and read screen by screen.

import {existsSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {REPO} from './cli.js';

export const TMUX = '/usr/bin/tmux';
export const hasTmux = existsSync(TMUX);
if (!hasTmux && process.env.CI_REAL === 'true') throw new Error('tmux is required in CI (.ci/run installs it)');
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

/** `npm test` builds first (tsc -b); rebuilding while other files run the binary could race, so build only when
 *  dist/ is missing or older than the sources (a file run on its own). */
export async function ensureBuilt(): Promise<void> {
  const built = join(REPO, 'dist', 'cli', 'commands', 'wizard.js');
  if (!existsSync(built) || newest(join(REPO, 'src')) > statSync(built).mtimeMs) await execa('npm', ['run', 'build', '--silent'], {cwd: REPO, timeout: 120_000});
}

/** A tmux session running `command`: keys in, screens out. */
export async function terminal(name: string, columns: number, rows: number, command: string) {
  const r = await tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), command);
  if (r.exitCode !== 0) throw new Error(`tmux: ${String(r.stderr)}`);
  // -J joins the rows the terminal wrapped (plain stderr lines), not the rows Ink broke itself.
  const screen = async () => String((await tmux('capture-pane', '-p', '-J', '-t', name)).stdout);
  return {
    screen,
    keys: async (...keys: string[]) => {
      for (const key of keys) {
        await tmux('send-keys', '-t', name, key);
        await sleep(250);
      }
    },
    /** Generous: on a loaded machine the first frame alone can take 10 s. */
    waitFor: async (text: string | RegExp, ms = 30_000): Promise<string> => {
      let seen = '';
      for (let waited = 0; waited < ms; waited += 100) {
        seen = await screen();
        if (typeof text === 'string' ? seen.includes(text) : text.test(seen)) return seen;
        await sleep(100);
      }
      throw new Error(`no screen showed ${typeof text === 'string' ? JSON.stringify(text) : String(text)}; last:\n${seen}`);
    },
    close: () => tmux('kill-session', '-t', name),
  };
}

export type Pane = Awaited<ReturnType<typeof terminal>>;
