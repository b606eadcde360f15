// The checks `npm test` runs before vitest: the type checker and the linter are each single-threaded, so they
// run side by side; each one's output is printed whole, in a fixed order, and either failing fails the test run.

import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));

const CHECKS = [
  ['tsc', ['-b']],
  ['eslint', ['.']],
];

function run([command, args]) {
  return new Promise((resolve) => {
    const child = spawn(bin(command), args, {stdio: ['ignore', 'pipe', 'pipe'], shell: false});
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({name: command, code: 127, output: `${error.message}\n`}));
    child.on('close', (code, signal) => resolve({name: command, code: code ?? (signal ? 128 : 1), output}));
  });
}

const results = await Promise.all(CHECKS.map(run));
for (const {name, code, output} of results) {
  if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  if (code !== 0) process.stderr.write(`${name} failed (exit ${code})\n`);
}
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
