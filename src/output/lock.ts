// The output folder's lock: one run at a time per folder, for kubepki and the emitted script alike.
// Taking it is one atomic step (the owner's token is written to a private file first, then link()ed into
// place), and a dead run's lock is only ever cleared by the one process that holds the breaker file.

import {randomBytes} from 'node:crypto';
import {constants} from 'node:fs';
import {link, open, unlink} from 'node:fs/promises';
import {join} from 'node:path';
import {LOCK_BREAKER, LOCK_FILE} from '../pki/layout.js';
import {OutputError, ioFailure} from './errors.js';
import {writeNewFile} from './new-file.js';

/** A lock file holds `PID TOKEN\n`: the PID says whether its run is alive, the token whose lock it is. */
interface Holder {
  pid: number;
  token: string;
}

/** A lock is a few bytes; anything longer is not ours and must not be read whole. */
const MAX_LOCK_BYTES = 256;
/** A breaker whose run died (SIGKILL in the millisecond it exists) is cleared after this long. */
const STALE_BREAKER_MS = 10_000;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, but another user's
  }
}

async function readHolder(path: string): Promise<(Holder & {mtimeMs: number}) | undefined> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw new OutputError(`${path} is a symbolic link`, 'remove it: kubepki never follows a link at its lock');
    throw error;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new OutputError(`${path} is not a regular file`, 'remove it: it stands where kubepki keeps its lock');
    const buffer = Buffer.alloc(MAX_LOCK_BYTES);
    const {bytesRead} = await handle.read(buffer, 0, MAX_LOCK_BYTES, 0);
    const [pidText = '', token = ''] = buffer.subarray(0, bytesRead).toString('utf8').trim().split(/\s+/);
    const pid = /^[1-9]\d{0,9}$/.test(pidText) ? Number(pidText) : 0;
    return {pid, token, mtimeMs: st.mtimeMs};
  } finally {
    await handle.close();
  }
}

/** Links a file holding `text` to `name`: false when `name` exists. The link is the atomic step. */
async function linkNew(dir: string, name: string, text: string): Promise<boolean> {
  const temp = join(dir, `${name}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await writeNewFile(temp, text, 0o600);
  try {
    await link(temp, join(dir, name));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Removes `name` only while it still holds `token`. */
async function unlinkIfOurs(dir: string, name: string, token: string): Promise<void> {
  const holder = await readHolder(join(dir, name)).catch(() => undefined);
  if (holder?.token === token) await unlink(join(dir, name)).catch(() => undefined);
}

function heldBy(path: string, pid: number): OutputError {
  return new OutputError(`another kubepki run (pid ${pid}) holds the lock on this folder`, `wait for it to finish; the lock is ${path}`);
}

/**
 * Takes `out`'s lock or throws OutputError naming the run that holds it. Returns the release function and the
 * token written in the lock (the openssl script accepts a lock held for it by that token).
 */
export async function acquireLock(out: string): Promise<{release: () => Promise<void>; token: string}> {
  const token = randomBytes(12).toString('hex');
  const text = `${process.pid} ${token}\n`;
  const lockPath = join(out, LOCK_FILE);
  const release = () => unlinkIfOurs(out, LOCK_FILE, token);
  const owned = async () => {
    // Re-read what we linked: the lock is ours only if our token is in it.
    if ((await readHolder(lockPath))?.token !== token) throw new OutputError('lost the lock on this folder to another run', 'run again');
    return {release, token};
  };
  try {
    for (let attempt = 0; attempt < 4; attempt++) {
      if (await linkNew(out, LOCK_FILE, text)) return await owned();
      const holder = await readHolder(lockPath);
      if (!holder) continue; // released meanwhile
      if (holder.pid > 0 && isAlive(holder.pid)) throw heldBy(lockPath, holder.pid);
      // A dead run's lock. Only the holder of the breaker may clear it, so two runs cannot both take over.
      if (!(await linkNew(out, LOCK_BREAKER, text))) {
        const breaker = await readHolder(join(out, LOCK_BREAKER));
        if (!breaker) continue;
        if (breaker.pid > 0 && isAlive(breaker.pid)) throw heldBy(lockPath, breaker.pid);
        if (Date.now() - breaker.mtimeMs < STALE_BREAKER_MS) throw new OutputError('a dead run’s lock on this folder is being cleared', 'run again in a few seconds');
        await unlink(join(out, LOCK_BREAKER)).catch(() => undefined);
        continue;
      }
      try {
        const again = await readHolder(lockPath);
        if (again && !(again.pid > 0 && isAlive(again.pid))) await unlink(lockPath).catch(() => undefined);
        if (await linkNew(out, LOCK_FILE, text)) return await owned();
      } finally {
        await unlinkIfOurs(out, LOCK_BREAKER, token);
      }
    }
  } catch (error) {
    throw error instanceof OutputError ? error : ioFailure(error, out, 'take the lock in');
  }
  throw new OutputError(`cannot take the lock ${lockPath}`, 'another run keeps taking it: run again');
}
