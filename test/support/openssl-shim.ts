// A stand-in `openssl` first on PATH for scripts under test: `openssl genrsa` takes a key from a bag of pool keys
// (support/key-pool.ts) instead of making one; every other command runs the real openssl. Tests about key
// generation itself run the script without it.

import {chmodSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, join} from 'node:path';
import {execaSync} from 'execa';
import {claimKeys} from './key-pool-core.mjs';

export const BAG_ENV = 'KUBEPKI_TEST_KEY_BAG';

let shimDir: string | undefined;

/** The folder holding the shim (made once per test file). */
function shim(): string {
  if (shimDir) return shimDir;
  const real = execaSync('sh', ['-c', 'command -v openssl']).stdout.trim();
  shimDir = mkdtempSync(join(tmpdir(), 'kubepki-openssl-shim-'));
  const script = [
    '#!/usr/bin/env bash',
    '# Test shim: genrsa takes a pool key from the bag (claimed with an atomic rename); all else is real openssl.',
    `REAL=${JSON.stringify(real)}`,
    `if [ "\${1:-}" = genrsa ] && [ -n "\${${BAG_ENV}:-}" ]; then`,
    "  out='' bits='' prev=''",
    '  for a in "$@"; do',
    '    if [ "$prev" = -out ]; then out=$a; fi',
    '    case $a in [0-9]*) bits=$a ;; esac',
    '    prev=$a',
    '  done',
    `  for f in "$\{${BAG_ENV}}/$bits"/*.key; do`,
    '    [ -e "$f" ] || break',
    '    if mv -- "$f" "$f.$$" 2>/dev/null; then',
    '      (umask 077 && cat -- "$f.$$" >|"$out") && rm -f -- "$f.$$" && exit 0',
    '    fi',
    '  done',
    'fi',
    'exec "$REAL" "$@"',
    '',
  ].join('\n');
  writeFileSync(join(shimDir, 'openssl'), script);
  chmodSync(join(shimDir, 'openssl'), 0o755);
  return shimDir;
}

/**
 * Environment for one script run with pool keys: PATH with the shim first and a fresh bag of `count` keys of each
 * size a plan may use.
 */
export function shimEnv(count = 64, path = process.env.PATH ?? '/usr/bin:/bin'): Record<string, string> {
  const bag = mkdtempSync(join(tmpdir(), 'kubepki-key-bag-'));
  for (const bits of [2048, 3072, 4096]) {
    mkdirSync(join(bag, String(bits)));
    claimKeys(bits, bits === 2048 ? count : Math.min(count, 16)).forEach((pem, i) =>
      writeFileSync(join(bag, String(bits), `${String(i).padStart(4, '0')}.key`), pem, {mode: 0o600}));
  }
  return {PATH: `${shim()}${delimiter}${path}`, [BAG_ENV]: bag};
}
