// The one failure translator and progress formatter: each backend error's kind, the CLI error (exit code) it
// becomes, the wizard's screen-sized details, and the progress lines both print.

import {describe, expect, it} from 'vitest';
import {CancelledError, FailureError, UsageError} from '../../src/cli/command.js';
import {cliError} from '../../src/cli/failure.js';
import {GenerateError} from '../../src/generate/events.js';
import {OutputError} from '../../src/output/errors.js';
import {OutPathError} from '../../src/output/out-path.js';
import {describeFailure} from '../../src/ui/errors.js';
import {progressText} from '../../src/ui/progress-text.js';

const many = Array.from({length: 12}, (_, i) => `file-${i}.crt`);

describe('describeFailure', () => {
  it('gives each backend error its kind, message, details and hint', () => {
    expect(describeFailure(new GenerateError('2 file(s) already exist', ['a.crt', 'b.key'], 're-run with --force'))).toEqual({
      kind: 'failure', message: '2 file(s) already exist', details: ['a.crt', 'b.key'], hint: 're-run with --force',
    });
    expect(describeFailure(new OutPathError('--out / is the root of the file system', 'name a folder'))).toEqual({
      kind: 'usage', message: '--out / is the root of the file system', details: [], hint: 'name a folder',
    });
    expect(describeFailure(new OutputError('cannot write to ./pki: the disk is full'))).toEqual({kind: 'failure', message: 'cannot write to ./pki: the disk is full', details: []});
    expect(describeFailure(new Error('boom\n  at somewhere'))).toEqual({kind: 'unexpected', message: 'boom', details: []});
  });

  it('treats any error after an abort, and abort errors themselves, as a cancellation', () => {
    const controller = new AbortController();
    controller.abort();
    expect(describeFailure(new Error('EPIPE'), {signal: controller.signal}).kind).toBe('cancelled');
    expect(describeFailure(new CancelledError()).kind).toBe('cancelled');
    expect(describeFailure(Object.assign(new Error('aborted'), {name: 'AbortError'})).kind).toBe('cancelled');
  });

  it('keeps what fits on the wizard’s screen unless asked for every detail', () => {
    expect(describeFailure(new GenerateError('stop', many)).details).toEqual(many.slice(0, 8));
    expect(describeFailure(new GenerateError('stop', many), {maxDetails: Infinity}).details).toEqual(many);
  });
});

describe('cliError', () => {
  it('maps each kind to the error carrying its exit code, with every detail', () => {
    const failure = cliError(new GenerateError('files already in the output folder stop this run', many, 'use --force'));
    expect(failure).toBeInstanceOf(FailureError);
    expect((failure as FailureError).message).toBe(`files already in the output folder stop this run:\n${many.map((d) => `  ${d}`).join('\n')}`);
    expect((failure as FailureError).hint).toBe('use --force');
    expect(cliError(new OutPathError('--out: /x is a symbolic link', 'name the real folder'))).toEqual(new UsageError('--out: /x is a symbolic link', 'name the real folder'));
    expect(cliError(new OutputError('cannot write to ./pki: the disk is full', 'free some space'))).toEqual(new FailureError('cannot write to ./pki: the disk is full', 'free some space'));
    const cancelled = cliError(new CancelledError());
    expect(cancelled).toBeInstanceOf(CancelledError);
    expect((cancelled as Error).message).toBe('Cancelled: nothing was written (the staging folder was removed).');
  });

  it('returns an untranslated error unchanged, so --debug still shows its stack', () => {
    const bug = new TypeError('x is undefined');
    expect(cliError(bug)).toBe(bug);
  });
});

describe('progressText', () => {
  it('prints keys, certificates and the written folder (escaped), and nothing per key', () => {
    expect(progressText({type: 'keys', total: 50})).toBe('generating 50 keys…');
    expect(progressText({type: 'key', id: 'ca', done: 1, total: 50})).toBeUndefined();
    expect(progressText({type: 'cert', id: 'ca', path: 'cp/ca.crt', status: 'created', subject: 'CN=kubernetes', signer: 'ca'})).toBe('✔ created cp/ca.crt  (CN=kubernetes; signed by itself)');
    expect(progressText({type: 'cert', id: 'apiserver', path: 'cp/apiserver.crt', status: 'reused', subject: 'CN=kube-apiserver', signer: 'ca'})).toBe('↺ reused  cp/apiserver.crt  (CN=kube-apiserver; signed by ca)');
    expect(progressText({type: 'written', count: 57, out: 'x\u001b[2J\ny'})).toBe('✔ wrote 57 files to x\\u001b[2J\\ny');
  });
});
