// The built CLI: `kubepki script` (folder, --stdout, --force) and `kubepki generate --mode openssl`, which must
// show the same per-certificate progress as native mode and leave a tree that verifies.

import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {planToYaml} from '../../src/plan/to-yaml.js';
import {resolve} from '../../src/pki/resolve.js';
import {hasBinary} from '../support/binaries.js';
import {kubepki} from '../support/cli.js';
import {tinyPlan, tmpDirs} from './helpers.js';

const tools = hasBinary('openssl') && hasBinary('bash');
const tmp = tmpDirs('kubepki-oscli-');
afterAll(tmp.cleanup);

const plan = tinyPlan();
const model = resolve(plan);
let cwd: string;
beforeAll(() => {
  cwd = tmp.make();
  writeFileSync(join(cwd, 'plan.yaml'), planToYaml(plan));
});

describe('kubepki script', () => {
  it('prints the script with --stdout and writes nothing', async () => {
    const r = await kubepki(['script', '--plan', 'plan.yaml', '--stdout'], {cwd});
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^#!\/usr\/bin\/env bash\n/);
    expect(r.stdout).toContain("openssl genrsa -traditional -out 'apiserver@cp.key' 2048");
    expect(readdirSync(cwd)).toEqual(['plan.yaml']);
  });

  it('writes generate-pki.sh (0755), one cnf per certificate plus signing.cnf, and a README', async () => {
    const r = await kubepki(['script', '--plan', 'plan.yaml', '--out', 'script'], {cwd});
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(r.stderr).toContain('bash script/generate-pki.sh');
    expect(statSync(join(cwd, 'script/generate-pki.sh')).mode & 0o777).toBe(0o755);
    expect(readdirSync(join(cwd, 'script/openssl')).sort()).toEqual(['signing.cnf', ...model.certs.map((c) => `${c.id}.cnf`)].sort());
    const readme = readFileSync(join(cwd, 'script/README.md'), 'utf8');
    expect(readme).toContain('OpenSSL 3.0 or newer');
    expect(readme).toContain('bash generate-pki.sh');
  });

  it('refuses an existing script folder without --force; --force replaces it and keeps pki/ beside it', async () => {
    const again = await kubepki(['script', '--plan', 'plan.yaml', '--out', 'script'], {cwd});
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('--force');
    writeFileSync(join(cwd, 'script/openssl/stale@old.cnf'), '# from an older plan\n');
    const pki = join(cwd, 'script/pki');
    await execa('mkdir', [pki]);
    writeFileSync(join(pki, 'keep.txt'), 'mine\n');
    const forced = await kubepki(['script', '--plan', 'plan.yaml', '--out', 'script', '--force'], {cwd});
    expect(forced.exitCode, String(forced.stderr)).toBe(0);
    expect(readdirSync(join(cwd, 'script/openssl'))).not.toContain('stale@old.cnf');
    expect(readFileSync(join(pki, 'keep.txt'), 'utf8')).toBe('mine\n');
  });

  it('lists --stdout and --force in its help', async () => {
    const r = await kubepki(['script', '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('--stdout');
    expect(r.stdout).toContain('--force');
  });
});

describe('kubepki generate --mode', () => {
  it('refuses an unknown mode with exit 2', async () => {
    const r = await kubepki(['generate', '--plan', 'plan.yaml', '--mode', 'forge', '--out', 'x'], {cwd});
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--mode must be native or openssl');
    expect(readdirSync(cwd)).not.toContain('x');
  });

  it.skipIf(!tools)('openssl: prints progress per certificate like native mode, writes a tree that verifies, keeps it on a second run, reuses CAs with --force', async () => {
    const r = await kubepki(['generate', '--plan', 'plan.yaml', '--mode', 'openssl', '--out', 'pki', '--json'], {cwd});
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const lines = String(r.stderr).split('\n');
    expect(lines[0]).toBe(`generating ${model.certs.length + 1} keys…`);
    expect(lines.filter((l) => l.startsWith('✔ created'))).toHaveLength(model.certs.length);
    expect(lines).toContain('✔ created cp/etc/kubernetes/pki/apiserver.crt  (CN=kube-apiserver; signed by ca)');
    expect(JSON.parse(String(r.stdout))).toMatchObject({mode: 'openssl', reused: []});
    const pki = join(cwd, 'pki/cp/etc/kubernetes/pki');
    const v = await execa('openssl', ['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', join(pki, 'ca.crt'), join(pki, 'apiserver.crt')], {reject: false});
    expect(v.stdout).toBe(`${join(pki, 'apiserver.crt')}: OK`);
    expect(readdirSync(join(cwd, 'pki')).filter((n) => n.startsWith('.'))).toEqual([]);

    const again = await kubepki(['generate', '--plan', 'plan.yaml', '--mode', 'openssl', '--out', 'pki'], {cwd});
    expect(again.exitCode, String(again.stderr)).toBe(0);
    expect(again.stderr).toContain('= kept    cp/etc/kubernetes/pki/apiserver.crt');

    const ca = readFileSync(join(pki, 'ca.crt'));
    const forced = await kubepki(['generate', '--plan', 'plan.yaml', '--mode', 'openssl', '--out', 'pki', '--force'], {cwd});
    expect(forced.exitCode, String(forced.stderr)).toBe(0);
    expect(String(forced.stderr)).toContain('↺ reused  cp/etc/kubernetes/pki/ca.crt');
    expect(readFileSync(join(pki, 'ca.crt')).equals(ca)).toBe(true);
  }, 240_000);
});
