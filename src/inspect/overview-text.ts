// A folder at a glance: one entry per file, grouped by folder (what it is, whose it is, how long it has left,
// what is missing), so a node's whole PKI fits on a few screens. `inspect FILE` shows every field.

import {basename, dirname} from 'node:path';
import {keyText} from './key-info.js';
import type {CertificateSummary, FileReport, InspectReport} from './report.js';
import {certBrief, countsText, endpointLines, isOther, shown, type Ctx, type TextOptions} from './text.js';
import {wrap} from './wrap.js';

const NAME_COLUMN = 28;
const left = (c: CertificateSummary): string => (c.validity.state === 'valid' ? `${c.validity.text} left` : c.validity.text.toUpperCase());

function describe(f: FileReport): string {
  const lie = f.nameLies ? ` (WARNING: named like ${f.nameSays}, holds ${f.kind})` : '';
  switch (f.kind) {
    case 'certificate':
      return `${f.certificates.map(certBrief).join('; ')}${f.key ? '; with its private key' : ''}${lie}`;
    case 'private-key':
    case 'public-key': {
      const what = f.key.encrypted ? `encrypted ${f.kind.replace('-', ' ')}` : `${f.kind.replace('-', ' ')} ${keyText({algorithm: f.key.algorithm, bits: f.key.bits ?? 0, curve: f.key.curve})}`;
      const owner = f.key.matches[0] ? ` of ${f.key.matches[0].role.replace(/^its /, 'its ')}` : ', no certificate found for it';
      return `${what}${owner}${lie}`;
    }
    case 'csr':
      return `CSR for ${f.csr.subject.text} (${f.csr.role.text})${lie}`;
    case 'kubeconfig':
      return `kubeconfig: ${f.kubeconfig.contexts.map((c) => {
        const cert = c.user.cert?.certificates?.[0];
        const who = cert ? `${cert.role.text}, ${left(cert)}` : c.user.cert?.ref && !c.user.cert.ref.found ? 'client certificate MISSING' : c.user.name;
        return `${who} → ${c.cluster.server ?? '(no server)'}${c.user.keyMatchesCert === false ? ', KEY DOES NOT MATCH' : ''}`;
      }).join('; ')}${lie}`;
    case 'manifest':
    case 'kubelet-config': {
      const missing = f.manifest.flags.filter((u) => u.ref && !u.ref.found).map((u) => u.flag);
      const wrong = f.manifest.flags.filter((u) => u.ref?.found && u.ref.problem).map((u) => u.flag);
      return `${f.kind === 'manifest' ? `static pod manifest (${f.manifest.components.join(', ')})` : 'KubeletConfiguration'}: ${f.manifest.flags.length} TLS flags${
        missing.length > 0 ? `, MISSING: ${missing.join(', ')}` : ''}${wrong.length > 0 ? `, WRONG FILE: ${wrong.join(', ')}` : ''}`;
    }
    case 'unreadable':
      return `unreadable: ${f.problem}`;
    case 'unknown':
      return `${f.note}${lie}`;
  }
}

export function overviewText(report: InspectReport, options: TextOptions = {}): string {
  const ctx: Ctx = {width: options.width ?? 80, cwd: options.cwd};
  const blocks: string[][] = [];
  const byFolder = new Map<string, FileReport[]>();
  for (const f of report.files.filter((x) => !isOther(x))) byFolder.set(dirname(f.path), [...(byFolder.get(dirname(f.path)) ?? []), f]);
  for (const [folder, files] of byFolder) {
    const lines = wrap(`${shown(folder, ctx)}/`, ctx.width);
    for (const f of files) {
      const name = basename(f.path);
      const text = wrap(describe(f), ctx.width - NAME_COLUMN - 3);
      const pad = ' '.repeat(NAME_COLUMN + 3);
      if (name.length > NAME_COLUMN) lines.push(...wrap(name, ctx.width - 2).map((l) => `  ${l}`), ...text.map((l) => pad + l));
      else lines.push(...text.map((l, i) => (i === 0 ? `  ${name.padEnd(NAME_COLUMN)} ${l}` : pad + l)));
    }
    blocks.push(lines);
  }
  for (const e of report.endpoints) blocks.push(endpointLines(e, ctx));
  const others = report.files.filter(isOther);
  if (others.length > 0) blocks.push(wrap(`Not PKI files: ${others.map((f) => shown(f.path, ctx)).join(', ')}`, ctx.width));
  blocks.push(wrap(`${countsText(report)} Every field of one file, with the openssl command that prints it: kubepki inspect FILE`, ctx.width));
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}
