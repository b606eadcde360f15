// The wizard command without a terminal: it cannot prompt, so it prints the help, says what to run
// instead and exits 2.

import {describe, expect, it} from 'vitest';
import {run} from '../../src/cli/run.js';

describe('kubepki without a terminal', () => {
  it('prints the help, says what to run instead and exits 2', async () => {
    const err: string[] = [];
    const code = await run([], {stdout: () => {}, stderr: (t) => err.push(t), isTTY: false, env: {}, cwd: process.cwd()});
    expect(code).toBe(2);
    expect(err.join('')).toContain('the wizard needs a terminal; run `kubepki generate --plan FILE` instead');
    expect(err.join('')).toContain('Usage:');
  });
});
