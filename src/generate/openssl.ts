// `kubepki generate --mode openssl`: the same preparation as native mode (lock, reuse and refusal rules),
// then the emitted script run with real openssl; its KUBEPKI_PROGRESS lines become the same ProgressEvents.

import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {execa} from 'execa';
import {GenerateError, subjectText, type CertEventStatus, type GenerateOptions, type GenerateResult, type ProgressEvent} from './events.js';

const CERT_STATUSES: readonly CertEventStatus[] = ['created', 'reused', 'kept', 'reissued'];
import {prepareRun, runResult} from './prepare.js';
import {primaryPaths} from '../pki/layout.js';
import type {PkiModel} from '../pki/model.js';
import {emitScript, SCRIPT_FILE} from '../openssl/emit.js';
import {escapeText} from '../plan/escape.js';
import {PROGRESS_PREFIX} from '../openssl/script-prelude.js';
import {writeScriptFolder} from '../output/script-folder.js';

/** Generous: RSA-4096 keys for a large plan take minutes on a slow machine; a hung openssl must still end. */
export const SCRIPT_TIMEOUT_MS = 30 * 60_000;

/** Turns one stdout line of the script into a ProgressEvent (undefined for prose and unknown lines). */
export function progressFromLine(
  line: string,
  model: PkiModel,
  paths: Map<string, string>,
  counter: {done: number; total: number},
): ProgressEvent | undefined {
  const [prefix, type, id, ...rest] = line.split(' ');
  if (prefix !== PROGRESS_PREFIX || id === undefined) return undefined;
  if (type === 'key' && rest.length === 0) return {type: 'key', id, done: ++counter.done, total: counter.total};
  const spec = model.certs.find((c) => c.id === id);
  const status = rest[rest.length - 1];
  if (type === 'cert' && spec && status !== undefined && (CERT_STATUSES as readonly string[]).includes(status)) {
    return {type: 'cert', id, path: paths.get(id) ?? id, status: status as CertEventStatus, subject: subjectText(spec.subject), signer: spec.signer};
  }
  return undefined;
}

export async function generateWithOpenssl(opts: GenerateOptions): Promise<GenerateResult> {
  const now = opts.now ?? new Date();
  const emit = opts.onProgress ?? (() => {});
  const force = opts.force ?? false;
  const prepared = await prepareRun(opts.plan, opts.out, force, now);
  const {model, entries, existing, judged, release, out, lockToken} = prepared;
  let dir: string | undefined;
  try {
    const emitted = emitScript(model);
    dir = await mkdtemp(join(tmpdir(), 'kubepki-script-'));
    await writeScriptFolder(dir, emitted);
    opts.signal?.throwIfAborted();

    const fresh = judged.certs.filter((c) => c.status !== 'reused' && !c.kept).length + (existing.reusedSa ? 0 : 1);
    const counter = {done: 0, total: fresh};
    const paths = primaryPaths(model, entries);

    const child = execa('bash', ['--norc', '--noprofile', join(dir, SCRIPT_FILE), out], {
      stdin: 'ignore',
      reject: false,
      timeout: SCRIPT_TIMEOUT_MS,
      ...(opts.signal ? {cancelSignal: opts.signal} : {}),
      env: {
        KUBEPKI_PROGRESS: '1',
        KUBEPKI_FORCE: force ? '1' : '0',
        KUBEPKI_VERBOSE: '0',
        // We hold the target's lock (prepareRun); the script accepts it only with exactly what the lock holds.
        KUBEPKI_LOCK_HOLDER: `${process.pid} ${lockToken}`,
      },
    });
    const lines = createInterface({input: child.stdout!, crlfDelay: Infinity});
    let written: number | undefined;
    lines.on('line', (line) => {
      const count = new RegExp(`^${PROGRESS_PREFIX} written (\\d+)$`).exec(line);
      if (count) written = Number(count[1]);
      // `start` comes after the script's preflight (openssl version, lock): only then do keys get made.
      if (line === `${PROGRESS_PREFIX} start`) return emit({type: 'keys', total: fresh});
      const event = progressFromLine(line, model, paths, counter);
      // The script says what it did; why a certificate is re-issued is what prepareRun found (the same rules).
      if (event?.type === 'cert' && event.status === 'reissued') {
        const reasons = judged.certs.find((c) => c.id === event.id)?.reasons ?? [];
        emit(reasons.length > 0 ? {...event, reasons} : event);
      } else if (event) emit(event);
    });
    const result = await child;
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
    if (result.failed) {
      const why = result.timedOut
        ? `timed out after ${SCRIPT_TIMEOUT_MS / 60_000} minutes`
        : result.signal
          ? `killed by ${result.signal}`
          : result.exitCode === undefined
            ? `${result.code ?? result.shortMessage}`
            : `exit ${result.exitCode}`;
      // openssl's own words can quote file contents: escaped, so they cannot repaint the terminal.
      const details = String(result.stderr ?? '').split('\n').map((l) => escapeText(l.replace(/^generate-pki\.sh: /, ''))).filter(Boolean).slice(-15);
      if (result.exitCode === undefined && !result.signal && !result.timedOut) {
        throw new GenerateError(`the openssl backend needs bash (${why})`, ['nothing was written'], 'install bash and OpenSSL 3, or use --mode native');
      }
      throw new GenerateError(`the openssl script failed (${why})`, details, 'run `kubepki script` and the script by hand to see every step, or use --mode native');
    }
    emit({type: 'written', count: written ?? entries.length, out: opts.out});
    return runResult(prepared, opts.out, 'openssl');
  } finally {
    if (dir) await rm(dir, {recursive: true, force: true});
    await release();
  }
}
