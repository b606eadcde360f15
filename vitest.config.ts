import {availableParallelism} from 'node:os';
import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    env: {CI_REAL: process.env.CI ?? '', CI: 'false', FORCE_COLOR: '0'},
    fakeTimers: {toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']},
    // Most files wait on child processes (openssl, bash, etcd, the CLI), so one worker more than there are
    // cores keeps the CPUs busy; vitest's default (cores - 1) left one of two cores idle.
    maxWorkers: availableParallelism() + 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
