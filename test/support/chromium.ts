// Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe: commands on fd 3,
// replies on fd 4, NUL-separated JSON), with the flags of a closed network and a fresh profile. It records
// every request the page starts and every console or security message, so a test can prove nothing left it.

import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import type {Readable, Writable} from 'node:stream';

export const CHROMIUM = process.env.CHROMIUM ?? 'chromium';
export const CLOSED_NETWORK_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: {message: string};
  sessionId?: string;
}

export interface Page {
  /** Runs `expression` in the page and returns its value (JSON). */
  evaluate<T>(expression: string): Promise<T>;
  /** Sends one key press (keyDown + keyUp) to the focused element. */
  press(key: string, code: string, keyCode: number): Promise<void>;
  screenshot(): Promise<Buffer>;
  /** Every URL the page asked for, the page itself included. */
  requests: string[];
  /** Console messages, log entries (CSP refusals among them) and uncaught exceptions. */
  messages: string[];
  close(): Promise<void>;
}

/** Opens `file` in a fresh headless Chromium; resolves once it has loaded. */
export async function openPage(file: string, size = {width: 1400, height: 1000}): Promise<Page> {
  const profile = mkdtempSync(join(tmpdir(), 'kubepki-chromium-'));
  const child: ChildProcess = spawn(CHROMIUM, [...CLOSED_NETWORK_FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-pipe', `--window-size=${size.width},${size.height}`, 'about:blank'],
    {stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe']});
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  let next = 1;
  const waiting = new Map<number, {resolve: (m: Message) => void; reject: (e: Error) => void}>();
  const listeners: ((m: Message) => void)[] = [];
  let buffer = '';
  output.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffer.slice(0, end)) as Message;
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined) {
        const w = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.error) w?.reject(new Error(message.error.message));
        else w?.resolve(message);
      } else listeners.forEach((l) => l(message));
    }
  });
  const exited = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`chromium exited (${code}): ${stderr.slice(-2000)}`))));
  exited.catch(() => undefined);
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Message> => {
    const id = next++;
    input.write(`${JSON.stringify({id, method, params, ...(sessionId ? {sessionId} : {})})}\0`);
    return Promise.race([new Promise<Message>((resolve, reject) => waiting.set(id, {resolve, reject})), exited]);
  };
  const requests: string[] = [];
  const messages: string[] = [];
  listeners.push((m) => {
    const p = m.params ?? {};
    if (m.method === 'Network.requestWillBeSent') requests.push(String((p.request as {url: string}).url));
    if (m.method === 'Log.entryAdded') messages.push(`${(p.entry as {source: string}).source}: ${(p.entry as {text: string}).text}`);
    if (m.method === 'Runtime.consoleAPICalled') messages.push(`console.${String(p.type)}`);
    if (m.method === 'Runtime.exceptionThrown') messages.push(`exception: ${JSON.stringify(p.exceptionDetails)}`);
  });
  const close = async () => {
    const gone = child.exitCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await send('Browser.close').catch(() => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
    // Chromium's helpers may still be writing the profile for a moment after the browser exits.
    rmSync(profile, {recursive: true, force: true, maxRetries: 5, retryDelay: 200});
  };
  try {
    const {targetId} = (await send('Target.createTarget', {url: 'about:blank'})).result as {targetId: string};
    const {sessionId} = (await send('Target.attachToTarget', {targetId, flatten: true})).result as {sessionId: string};
    const s = (method: string, params: Record<string, unknown> = {}) => send(method, params, sessionId);
    await Promise.all(['Network.enable', 'Page.enable', 'Runtime.enable', 'Log.enable'].map((m) => s(m)));
    await s('Emulation.setDeviceMetricsOverride', {...size, deviceScaleFactor: 1, mobile: false});
    // A headless page is not the focused window unless told: keys and focus events need it to be.
    await s('Emulation.setFocusEmulationEnabled', {enabled: true});
    await s('Page.bringToFront');
    const loaded = new Promise<void>((resolve) => listeners.push((m) => m.method === 'Page.loadEventFired' && m.sessionId === sessionId && resolve()));
    await s('Page.navigate', {url: pathToFileURL(file).href});
    await loaded;
    return {
      requests,
      messages,
      close,
      evaluate: async <T>(expression: string) => {
        const r = (await s('Runtime.evaluate', {expression, returnByValue: true, awaitPromise: true})).result as {result: {value: T}; exceptionDetails?: unknown};
        if (r.exceptionDetails) throw new Error(`page threw: ${JSON.stringify(r.exceptionDetails)}`);
        return r.result.value;
      },
      press: async (key, code, keyCode) => {
        for (const type of ['keyDown', 'keyUp']) await s('Input.dispatchKeyEvent', {type, key, code, windowsVirtualKeyCode: keyCode});
      },
      screenshot: async () => Buffer.from(String(((await s('Page.captureScreenshot', {format: 'png', captureBeyondViewport: true})).result as {data: string}).data), 'base64'),
    };
  } catch (error) {
    await close();
    throw error;
  }
}
