// Process entry: colour settings before anything that reads them is loaded, then run() and the exit code.

const args = process.argv.slice(2);
const colourOff = Boolean(process.env.NO_COLOR) || args.includes('--no-color') || process.env.TERM === 'dumb';
if (colourOff && process.env.FORCE_COLOR === undefined) process.env.FORCE_COLOR = '0';
// `kubepki script --stdout | head` closes the pipe early: the reader's choice, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
const {run} = await import('./run.js');
process.exitCode = await run(args, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
});
