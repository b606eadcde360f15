import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    env: {CI_REAL: process.env.CI ?? '', CI: 'false', FORCE_COLOR: '0'},
    fakeTimers: {toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']},
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
