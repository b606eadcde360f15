// Makes docs/map-example-ha.png, the README's picture of `kubepki map --html` for `kubepki example ha`: builds the
// CLI, writes the page into a temporary folder and photographs it with headless Chromium (closed network, fresh
// profile). Run: npm run docs:map-screenshot (CHROMIUM=/path/to/chromium to choose the browser).

import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const out = join(repo, 'docs', 'map-example-ha.png');
const chromium = process.env.CHROMIUM ?? 'chromium';
const work = mkdtempSync(join(tmpdir(), 'kubepki-map-shot-'));
const cli = (...args) => execFileSync(process.execPath, [join(repo, 'bin', 'kubepki.js'), ...args], {cwd: repo, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});

try {
  execFileSync('npm', ['run', 'build', '--silent'], {cwd: repo, stdio: 'inherit'});
  const plan = join(work, 'ha.yaml');
  writeFileSync(plan, cli('example', 'ha'));
  const page = join(work, 'map.html');
  execFileSync(process.execPath, [join(repo, 'bin', 'kubepki.js'), 'map', '--plan', plan, '--html', page], {cwd: repo, stdio: 'ignore'});
  execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
    `--user-data-dir=${join(work, 'profile')}`, '--hide-scrollbars', '--window-size=1400,1480', `--screenshot=${out}`, pathToFileURL(page).href],
  {stdio: ['ignore', 'ignore', 'ignore']});
  console.log(`wrote ${out} (${statSync(out).size} bytes)`);
} finally {
  rmSync(work, {recursive: true, force: true, maxRetries: 5, retryDelay: 200});
}
