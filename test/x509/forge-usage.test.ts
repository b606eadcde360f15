// How src/x509 may use node-forge: default import only (named imports fail under plain node, where
// vitest's interop would hide it), and never in the modules that read untrusted certificates.

import {readFile, readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {execa} from 'execa';
import {describe, expect, it} from 'vitest';

const dir = join(import.meta.dirname, '../../src/x509');

async function sources(): Promise<Map<string, string>> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.ts'));
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as const)));
}

describe('node-forge in src/x509', () => {
  it('is imported only as `import forge from "node-forge"`', async () => {
    for (const [name, text] of await sources()) {
      for (const line of text.split('\n').filter((l) => /from ['"]node-forge['"]/.test(l))) {
        expect(line, name).toBe("import forge from 'node-forge';");
      }
    }
  });

  it('is not used by the reader side (der, pem, structure, profile, oids)', async () => {
    const all = await sources();
    for (const name of ['der.ts', 'pem.ts', 'structure.ts', 'profile.ts', 'oids.ts']) {
      expect(all.get(name), name).toBeDefined();
      expect(all.get(name), name).not.toMatch(/from\s+['"](node-forge|\.\/build\.js|\.\/keys\.js)['"]|import\(\s*['"]node-forge/);
    }
  });

  it('loads with the default-import form under plain node (and the named form does not)', async () => {
    const ok = await execa('node', ['--input-type=module', '-e',
      "import forge from 'node-forge'; const {pki, asn1, md} = forge; console.log(typeof pki.getTBSCertificate, typeof asn1.toDer, typeof md.sha256.create)"],
      {cwd: join(dir, '../..')});
    expect(ok.stdout).toBe('function function function');
    const named = await execa('node', ['--input-type=module', '-e', "import {pki} from 'node-forge'; console.log(typeof pki)"],
      {cwd: join(dir, '../..'), reject: false});
    expect(named.exitCode).not.toBe(0);
    expect(named.stderr).toMatch(/Named export 'pki' not found/);
  });
});
