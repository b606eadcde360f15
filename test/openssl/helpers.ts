// Shared by the openssl tests: valid plans for each case the script must handle, writing an emitted script folder,
// running it with a clean environment, and reading a tree's files with their modes.

import {mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';
import {emitScript} from '../../src/openssl/emit.js';
import {writeScriptFolder} from '../../src/output/script-folder.js';
import {resolve} from '../../src/pki/resolve.js';
import {basePlan, examplePlan} from '../../src/plan/defaults.js';
import type {Plan} from '../../src/plan/types.js';
import {validatePlan} from '../../src/plan/validate.js';
import {folderMode} from '../../src/pki/layout.js';
import {shimEnv} from '../support/openssl-shim.js';

export function tmpDirs(prefix: string): {make: () => string; cleanup: () => void} {
  const dirs: string[] = [];
  return {
    make: () => {
      const d = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
    cleanup: () => dirs.forEach((d) => rmSync(d, {recursive: true, force: true})),
  };
}

/** Runs every plan through validatePlan so tests only ever use plans a user could write. */
export function valid(plan: Plan): Plan {
  const result = validatePlan(JSON.parse(JSON.stringify(plan)));
  if (!result.ok) throw new Error(`test plan is invalid: ${JSON.stringify(result.problems)}`);
  return result.plan;
}

/** The smallest useful plan: one control-plane node, no workers, no users (17 keys). */
export function tinyPlan(): Plan {
  return valid(basePlan([{name: 'cp', address: '10.0.0.1', role: 'control-plane'}]));
}

export const PLANS: Record<string, () => Plan> = {
  'example ha': () => valid(examplePlan('ha')),
  'single, layout flat': () => {
    const p = examplePlan('single');
    p.certificates.layout = 'flat';
    return valid(p);
  },
  'authorities single': () => {
    const p = examplePlan('single');
    p.certificates.authorities = 'single';
    return valid(p);
  },
  'RSA-3072, users with several groups, IPv6 certSANs': () => {
    const p = basePlan(
      [{name: 'cp', address: '192.168.56.11', role: 'control-plane'}],
      [
        {name: 'alice', groups: ['developers', 'ops', 'auditors']},
        {name: 'bob.smith', groups: []},
      ],
    );
    p.certificates.encryptionAlgorithm = 'RSA-3072';
    p.apiServer.certSANs = ['fd00::10', 'api.example.internal', '2001:db8::1', '10.0.0.100'];
    return valid(p);
  },
  'ECDSA-P256, example ha': () => {
    const p = examplePlan('ha');
    p.certificates.encryptionAlgorithm = 'ECDSA-P256';
    return valid(p);
  },
  'ECDSA-P384, authorities single, layout flat': () => {
    const p = examplePlan('single');
    p.certificates.encryptionAlgorithm = 'ECDSA-P384';
    p.certificates.authorities = 'single';
    p.certificates.layout = 'flat';
    return valid(p);
  },
};

/** Writes the emitted script folder for `plan` into a fresh folder; returns the folder. */
export async function writeScript(plan: Plan, dir: string): Promise<string> {
  await writeScriptFolder(dir, emitScript(resolve(plan)));
  return dir;
}

/** Runs generate-pki.sh as a user would, with a minimal environment; never rejects. Its `openssl genrsa` takes
 *  pool keys (support/openssl-shim.ts) unless `freshKeys` is set. */
export function runScript(
  scriptDir: string,
  target: string | undefined,
  opts: {env?: Record<string, string>; umask?: string; cwd?: string; freshKeys?: boolean} = {},
) {
  const script = join(scriptDir, 'generate-pki.sh');
  const args = target === undefined ? [] : [target];
  const command = opts.umask ? ['-c', `umask ${opts.umask} && exec bash --norc --noprofile "$0" "$@"`, script, ...args] : ['--norc', '--noprofile', script, ...args];
  return execa('bash', command, {
    reject: false,
    stdin: 'ignore',
    cwd: opts.cwd ?? tmpdir(),
    extendEnv: false,
    env: {PATH: process.env.PATH ?? '/usr/bin:/bin', ...(opts.freshKeys ? {} : shimEnv()), HOME: opts.cwd ?? tmpdir(), ...opts.env},
  });
}

/** Every file and folder below `root` with its permission bits, sorted: `path 0600`, folders end in `/`. */
/** Folder lines of listTree whose mode is not the layout's (0755 for node folders, 0700 for people's). */
export function foldersWithWrongMode(lines: string[]): string[] {
  return lines.filter((l) => l.split(' ')[0]!.endsWith('/')).filter((l) => {
    const [path, mode] = l.split(' ') as [string, string];
    return mode !== folderMode(path.slice(0, -1)).toString(8).padStart(4, '0');
  });
}

export function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel), {withFileTypes: true})) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      const mode = (statSync(join(root, path)).mode & 0o777).toString(8).padStart(4, '0');
      if (e.isDirectory()) {
        out.push(`${path}/ ${mode}`);
        walk(path);
      } else out.push(`${path} ${mode}`);
    }
  };
  walk('');
  return out.sort();
}
