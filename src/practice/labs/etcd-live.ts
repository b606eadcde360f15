// A real etcd for the etcd-client lab: started from the lab node's own etcd.yaml (its TLS flags, with node paths
// mapped into the lab folder) on free ports of 127.0.0.1, so the learner's etcdctl command meets the same TLS
// checks it would on the node. Always stopped, its data folder always removed.

import {constants} from 'node:fs';
import {access, mkdtemp, readFile, rm} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {delimiter, join} from 'node:path';
import {execa, type ResultPromise} from 'execa';
import {readManifestFlags} from '../../kube/manifest-flags.js';
import {MANIFESTS_PATH} from '../../pki/config-files.js';
import {flagsOf} from '../../pki/components.js';

export const ETCD_MANIFEST = `${MANIFESTS_PATH}/etcd.yaml`;
/** How long etcd may take to serve, and etcdctl to answer (its own --command-timeout is 5 s). */
const START_MS = 15_000;
const RUN_MS = 20_000;
/** etcd's switches the copy keeps as the manifest sets them: they decide whether clients must show certificates. */
const TLS_SWITCHES = ['--client-cert-auth', '--peer-client-cert-auth'];

/** Whether a program is on PATH (no shell asked). */
export async function onPath(program: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if (await access(join(dir, program), constants.X_OK).then(() => true, () => false)) return true;
  }
  return false;
}

export const etcdInstalled = async (): Promise<boolean> => (await onPath('etcd')) && (await onPath('etcdctl'));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as {port: number};
      server.close(() => resolve(port));
    });
  });
}

export interface LabEtcd {
  /** The client port on 127.0.0.1 (the node's 2379). */
  port: number;
  /** etcd's log so far: why it rejected a connection is said there, not by etcdctl. */
  log: () => string;
  stop: () => Promise<void>;
}

/** etcd's own TLS flags from the lab's etcd.yaml, node paths mapped into `dir`; or why they cannot be read. */
async function tlsFlags(dir: string): Promise<{name: string; args: string[]} | string> {
  const text = await readFile(join(dir, ETCD_MANIFEST), 'utf8').catch(() => undefined);
  if (text === undefined) return `${ETCD_MANIFEST} is missing`;
  const read = readManifestFlags(text);
  if (!read.ok) return `${ETCD_MANIFEST}: ${read.reason}`;
  const flags = read.containers[0]!.flags;
  const args: string[] = [];
  for (const use of flagsOf('etcd')) {
    const value = flags.get(use.flag);
    if (value === undefined) return `${ETCD_MANIFEST} has no ${use.flag}`;
    if (value.split('/').includes('..')) return `${ETCD_MANIFEST}: ${use.flag}=${value} leaves the node's folders; name the file without ..`;
    args.push(`${use.flag}=${join(dir, value)}`);
  }
  for (const s of TLS_SWITCHES) if (flags.has(s)) args.push(`${s}=${flags.get(s)!}`);
  return {name: flags.get('--name') ?? 'lab', args};
}

/** Starts the lab's etcd; a string says why it could not. */
export async function startLabEtcd(dir: string): Promise<LabEtcd | string> {
  const tls = await tlsFlags(dir);
  if (typeof tls === 'string') return tls;
  const data = await mkdtemp(join(tmpdir(), 'kubepki-lab-etcd-'));
  const [client, peer] = [await freePort(), await freePort()];
  const peerUrl = `https://127.0.0.1:${peer}`;
  let log = '';
  const proc: ResultPromise = execa('etcd', [
    `--name=${tls.name}`, `--data-dir=${data}`,
    `--listen-client-urls=https://127.0.0.1:${client}`, `--advertise-client-urls=https://127.0.0.1:${client}`,
    `--listen-peer-urls=${peerUrl}`, `--initial-advertise-peer-urls=${peerUrl}`, `--initial-cluster=${tls.name}=${peerUrl}`,
    ...tls.args,
  ], {reject: false, stdin: 'ignore', cwd: dir, env: {PATH: process.env.PATH ?? '/usr/bin:/bin'}, extendEnv: false, forceKillAfterDelay: 3_000});
  const stop = async () => {
    proc.kill('SIGTERM');
    await proc;
    await rm(data, {recursive: true, force: true});
  };
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), START_MS);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/ready to serve client requests|serving client traffic/.test(log)) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    proc.stderr?.on('data', onData);
    proc.stdout?.on('data', onData);
    void proc.then(() => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (!ready) {
    await stop();
    const last = log.trim().split('\n').slice(-1)[0] ?? '';
    return `etcd did not start from ${ETCD_MANIFEST}${last ? `: ${last}` : ''}`;
  }
  return {port: client, log: () => log, stop};
}

export interface EtcdctlRun {
  exitCode: number;
  output: string;
  timedOut: boolean;
}

/** Runs etcdctl with `args` in the lab folder: no shell, no stdin, only PATH in the environment, a timeout. */
export async function runEtcdctl(dir: string, args: readonly string[]): Promise<EtcdctlRun> {
  const r = await execa('etcdctl', [...args], {
    cwd: dir, reject: false, stdin: 'ignore', timeout: RUN_MS, maxBuffer: 1 << 20,
    env: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ETCDCTL_API: '3', LANG: 'C'}, extendEnv: false,
  });
  return {exitCode: r.exitCode ?? -1, output: `${String(r.stdout)}\n${String(r.stderr)}`, timedOut: Boolean(r.timedOut)};
}
