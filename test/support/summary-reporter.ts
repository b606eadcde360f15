// Ends every run with one plain line, `tests: N passed, N failed, N skipped`, that CI log readers understand
// without knowing vitest's own summary format.

import type {Reporter, TestModule} from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const count = {passed: 0, failed: 0, skipped: 0};
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed' || state === 'failed' || state === 'skipped') count[state]++;
      }
      // A file that failed to load has no tests to count; count it as a failure so it cannot pass unseen.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) count.failed++;
    }
    process.stdout.write(`\ntests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped\n`);
  }
}
