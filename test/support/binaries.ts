// Real binaries the tests drive. Missing locally → the test is skipped; missing in CI (CI_REAL=true) → it fails.

import {execaSync} from 'execa';

export function hasBinary(name: string): boolean {
  try {
    execaSync('sh', ['-c', `command -v ${name}`]);
    return true;
  } catch {
    if (process.env.CI_REAL === 'true') throw new Error(`${name} is required in CI but is not installed (.ci/run installs it)`);
    return false;
  }
}
