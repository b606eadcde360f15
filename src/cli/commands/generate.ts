// `kubepki generate`: plan → certificates, keys and kubeconfigs on disk, with per-certificate progress on
// stderr and an optional --json manifest on stdout. Signals abort cleanly: nothing half-written remains.

import type {GenerateResult} from '../../generate/events.js';
import {BACKENDS, isBackendName} from '../../generate/backends.js';
import {escapeText} from '../../plan/escape.js';
import {progressText} from '../../ui/progress-text.js';
import {CancelledError, UsageError, type CommandRun, type Io} from '../command.js';
import {cliError} from '../failure.js';
import {planFromOption} from '../plan-option.js';
import {mapFileStatus} from '../../output/map-file.js';

/** Installs SIGINT/SIGTERM/SIGHUP handlers that abort the run; returns the signal and an uninstaller. */
export function abortOnSignals(): {signal: AbortSignal; dispose: () => void} {
  const controller = new AbortController();
  const names = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const handler = () => controller.abort(new CancelledError());
  for (const n of names) process.on(n, handler);
  return {signal: controller.signal, dispose: () => names.forEach((n) => process.off(n, handler))};
}

export function printResult(result: GenerateResult, json: boolean, io: Io, map?: string): void {
  if (json) io.stdout(`${JSON.stringify({out: result.out, mode: result.mode, reused: result.reused, certificates: result.certificates, files: result.files.map((f) => ({...f, mode: f.mode.toString(8).padStart(4, '0')})), ...(map ? {map} : {})}, null, 2)}\n`);
  else io.stderr(`Done. Read ${escapeText(result.out)}/README.md for what goes where.\n`);
}

export const run: CommandRun = async ({values, io}) => {
  const out = values.out as string;
  if (!out) throw new UsageError('--out needs a folder');
  const mode = values.mode as string;
  if (!isBackendName(mode)) throw new UsageError(`--mode must be ${Object.keys(BACKENDS).join(' or ')}, not ${JSON.stringify(mode)}`);
  const plan = await planFromOption(values.plan, io);
  const generate = await BACKENDS[mode]();
  const map = values.map === true;
  const {signal, dispose} = abortOnSignals();
  try {
    // A map.html kubepki did not draw stops the run before any key is made.
    if (map) await mapFileStatus(out).catch((error: unknown) => {
      throw cliError(error, signal);
    });
    const result = await generate({
      plan, out, force: values.force === true, signal,
      onProgress: (e) => {
        const line = progressText(e);
        if (line) io.stderr(`${line}\n`);
      },
    }).catch((error: unknown) => {
      throw cliError(error, signal);
    });
    let drawn: string | undefined;
    if (map) {
      const {mapNote, writeTreeMap} = await import('../../map/write-map.js');
      const written = await writeTreeMap(out, plan, 'files').catch((error: unknown) => {
        throw cliError(error, signal);
      });
      drawn = written.path;
      io.stderr(`${mapNote(written)}\n`);
    }
    printResult(result, values.json === true, io, drawn);
    return 0;
  } finally {
    dispose();
  }
};
