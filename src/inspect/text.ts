// An InspectReport as text for people, at a given width (80 columns by default): each certificate's fields
// in the order people learn them, each beside the openssl option that prints it; wrapped, never cut.

import {relative, isAbsolute} from 'node:path';
import {escapeText} from '../plan/escape.js';
import {kindWords} from './context.js';
import {keyText} from './key-info.js';
import type {CertificateSummary, EndpointReport, FileRef, FileReport, InspectReport, KeySummary, KubeconfigContext, Material} from './report.js';
import {ETC_KUBERNETES} from './node-paths.js';
import {field, wrap} from './wrap.js';

export interface TextOptions {
  width?: number;
  /** Paths are shown relative to this folder when inside it. */
  cwd?: string;
}

export interface Ctx {
  width: number;
  cwd?: string;
}

const LABEL = 14;
/** Untrusted text (names, paths) on one line: control and bidi characters shown as escapes. */
const safe = (s: string): string => escapeText(s);

export function shown(path: string, ctx: Ctx): string {
  if (ctx.cwd && isAbsolute(path)) {
    const rel = relative(ctx.cwd, path);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return safe(rel);
  }
  return safe(path);
}

const when = (iso: string): string => iso.replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');

/** The openssl option of a command (`-ext subjectAltName`): the part after `-noout`. */
const optionOf = (command: string | undefined): string | undefined => command?.split(' -noout ')[1];

function sans(c: CertificateSummary): string {
  const all = [...c.sans.dns.map((d) => `DNS:${d}`), ...c.sans.ips.map((i) => `IP:${i}`), ...c.sans.other];
  return all.length > 0 ? all.map(safe).join(', ') : '(none)';
}

function usages(u: {critical: boolean; usages: string[]} | undefined): string {
  return u ? `${u.usages.join(', ') || '(empty)'}${u.critical ? ' (critical)' : ''}` : '(not set)';
}

const colonHex = (hex: string): string => hex.toUpperCase().match(/../g)?.join(':') ?? hex;

function certificateLines(c: CertificateSummary, indent: number, ctx: Ctx, heading?: string): string[] {
  const opts = {indent, labelWidth: LABEL, width: ctx.width};
  const f = (label: string, value: string, command?: string) => field(label, value, optionOf(command), opts);
  const o = c.openssl;
  const ca = c.basicConstraints
    ? `${c.basicConstraints.ca ? 'yes' : 'no'}${c.basicConstraints.pathLen !== undefined ? `, path length ${c.basicConstraints.pathLen}` : ''}${c.basicConstraints.critical ? ' (critical)' : ''}`
    : '(no basicConstraints)';
  const left = c.validity.state === 'valid' ? `${c.validity.text} left` : c.validity.text.toUpperCase();
  const lines = [
    ...(heading ? [`${' '.repeat(indent)}${heading}`] : []),
    ...f('Role', `${c.role.text}${c.role.confidence === 'guess' ? ' (a guess)' : ''}`),
    ...f('Subject', safe(c.subject.text) || '(empty)', o.subject),
    ...f('Issuer', `${safe(c.issuer.text) || '(empty)'}${c.selfIssued ? ' (self-signed)' : ''}`, o.issuer),
    ...f('Not before', when(c.notBefore), o.dates),
    ...f('Not after', `${when(c.notAfter)} (${left})`, o.dates),
    ...f('SANs', sans(c), o.sans),
    ...f('Serial', colonHex(c.serialHex), o.serial),
    ...f('Key', keyText(c.key), o.key),
    ...f('Key usage', usages(c.keyUsage), o.keyUsage),
    ...f('Ext key usage', usages(c.extKeyUsage), o.extKeyUsage),
    ...f('CA', ca, o.basicConstraints),
    ...(c.skiHex ? f('Subject key ID', colonHex(c.skiHex), o.subjectKeyId) : []),
    ...(c.akiKeyIdHex ? f('Auth. key ID', colonHex(c.akiKeyIdHex), o.authorityKeyId) : []),
    ...f('Signature', `${c.signatureAlgorithm}${c.version !== 3 ? `, X.509 v${c.version}` : ''}`, o.signatureAlgorithm),
    ...f('SHA-256', c.fingerprintSha256, o.fingerprint),
  ];
  // The options above complete one command; a bundle's later certificates have only the print-all one.
  const base = o.all?.split(' -noout ')[0];
  if (base && o.subject) lines.push(...f('Command', `${base} -noout OPTION`));
  else if (o.all) lines.push(...f('Command', o.all));
  return lines;
}

/** One line about a certificate, where a list of them is shown (kubeconfigs, manifests, chains). */
export function certBrief(c: CertificateSummary): string {
  const left = c.validity.state === 'valid' ? `${c.validity.text} left` : c.validity.text.toUpperCase();
  return `${safe(c.subject.text)}: ${c.role.text}, ${left}`;
}

const sharedPrefix = (a: string, b: string): number => {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(0, i).lastIndexOf('/');
};

/** The matches in the folder nearest to `path` (all of them when they are few). */
function nearest<T extends {path: string}>(matches: T[], path: string): T[] {
  if (matches.length <= 2) return matches;
  const best = Math.max(...matches.map((m) => sharedPrefix(m.path, path)));
  return matches.filter((m) => sharedPrefix(m.path, path) === best);
}

function keyLines(k: KeySummary, indent: number, ctx: Ctx, path: string): string[] {
  const opts = {indent, labelWidth: LABEL, width: ctx.width};
  const what = k.encrypted ? `${k.algorithm === 'unknown' ? 'encrypted' : `${k.algorithm}, encrypted`} (no component can read an encrypted key)` : keyText({algorithm: k.algorithm, bits: k.bits ?? 0, curve: k.curve});
  // Copies of a CA sit in every node's folder and kubeconfig: the nearest one is named, the others counted.
  const near = nearest(k.matches, path);
  const owners = near.length > 0 ? near.map((m) => `${shown(m.path, ctx)}${m.field ? ` (${m.field})` : ''}: ${m.role}`) : [k.encrypted ? 'unknown (encrypted)' : 'no certificate in what was read'];
  if (k.matches.length > near.length) owners.push(`and ${k.matches.length - near.length} more in other places (copies)`);
  return [
    ...field('Key', what, undefined, opts),
    ...owners.flatMap((o, i) => field(i === 0 ? 'Belongs to' : '', o, undefined, opts)),
    ...(k.openssl ? field('Command', k.openssl, undefined, opts) : []),
  ];
}

/** Where node paths were read, in words: the same for most references of a file, so said once above them. */
function mappingOf(ref: FileRef, ctx: Ctx): string {
  if (ref.resolvedBy === 'relative' || ref.resolvedBy === 'absolute') return '';
  const under = ref.resolvedBy === 'etc-kubernetes-copy' ? ref.value.slice(ETC_KUBERNETES.length) : ref.value;
  if (!ref.resolvedPath.endsWith(under)) return '';
  const base = shown(ref.resolvedPath.slice(0, ref.resolvedPath.length - under.length), ctx);
  return ref.resolvedBy === 'etc-kubernetes-copy' ? `${ETC_KUBERNETES} is read as ${base} (a copy of it)`
    : `node paths are read inside ${base}${ref.resolvedBy === 'root' ? ' (--root)' : ' (it mirrors a node)'}`;
}

function commonMapping(refs: FileRef[], ctx: Ctx): string {
  const all = refs.map((r) => mappingOf(r, ctx)).filter(Boolean);
  return all.length > 0 && all.every((m) => m === all[0]) ? all[0]! : '';
}

function refText(ref: FileRef, ctx: Ctx, common = ''): string {
  if (!ref.found) return `MISSING: not at ${shown(ref.resolvedPath, ctx)}`;
  const where = ref.resolvedPath === ref.value || (common !== '' && mappingOf(ref, ctx) === common) ? '' : ` (at ${shown(ref.resolvedPath, ctx)})`;
  const file = ref.file;
  const what = !file ? 'found'
    : file.kind === 'certificate' ? file.certificates.map(certBrief).join('; ')
    : file.kind === 'private-key' || file.kind === 'public-key' ? `${file.kind === 'private-key' ? 'private' : 'public'} key ${keyText({algorithm: file.key.algorithm, bits: file.key.bits ?? 0, curve: file.key.curve})}${file.key.matches[0] ? ` of ${file.key.matches[0].role}` : ''}`
    : file.kind === 'kubeconfig' ? `kubeconfig for ${file.kubeconfig.contexts.map((c) => c.user.cert?.certificates?.[0]?.role.text ?? safe(c.user.name)).join(', ')}`
    : file.kind === 'unreadable' ? `unreadable: ${file.problem}` : kindWords(file.kind);
  return `${ref.problem ? `WRONG FILE: ${ref.problem}; ` : ''}${what}${where}`;
}

function materialText(m: Material | undefined, ctx: Ctx): string {
  if (!m) return '(none)';
  const source = m.source === 'embedded' ? 'embedded' : `file ${safe(m.ref?.value ?? '')}`;
  if (m.problem) return `${source}: ${m.problem}`;
  if (m.ref && (!m.ref.found || m.ref.problem)) return `${source}: ${refText(m.ref, ctx)}`;
  if (m.certificates) return `${m.certificates.map(certBrief).join('; ')} (${source})`;
  if (m.key) return `${keyText({algorithm: m.key.algorithm, bits: m.key.bits ?? 0, curve: m.key.curve})}${m.key.encrypted ? ', encrypted' : ''} (${source})`;
  return source;
}

function contextLines(c: KubeconfigContext, ctx: Ctx): string[] {
  const opts = {indent: 4, labelWidth: LABEL, width: ctx.width};
  const cert = c.user.cert?.certificates?.[0];
  const identity = cert ? `${safe(cert.subject.cn ?? '(no CN)')}${cert.subject.o.length > 0 ? ` in ${cert.subject.o.map(safe).join(', ')}` : ''}` : undefined;
  const lines = [
    ...wrap(`context ${safe(c.name || '(none)')}${c.current ? ' (current)' : ''}: user ${safe(c.user.name)}, cluster ${safe(c.cluster.name)}`, ctx.width - 2).map((l, i) => (i === 0 ? '  ' : '    ') + l),
    ...field('Server', safe(c.cluster.server ?? '(not set)'), undefined, opts),
    ...field('Trusts CA', c.cluster.insecure ? 'NOTHING: insecure-skip-tls-verify is set' : materialText(c.cluster.ca, ctx), undefined, opts),
    ...(identity ? field('Logs in as', identity, undefined, opts) : []),
    ...field('Certificate', materialText(c.user.cert, ctx), undefined, opts),
    ...field('Key', `${materialText(c.user.key, ctx)}${c.user.keyMatchesCert === false ? ': DOES NOT MATCH the certificate' : c.user.keyMatchesCert ? ', matches the certificate' : ''}`, undefined, opts),
    ...(c.user.other ? field('Other login', c.user.other, undefined, opts) : []),
  ];
  const command = cert?.openssl.all;
  if (command && c.user.cert?.source === 'embedded') lines.push(...field('Command', command, undefined, opts));
  return lines;
}

function header(f: FileReport, ctx: Ctx): string[] {
  const format = 'format' in f ? ` (${f.format.toUpperCase()}${f.kind === 'private-key' || f.kind === 'public-key' ? `, ${KEY_FORMATS[f.key.format]}` : ''})` : '';
  const count = f.kind === 'certificate' && f.certificates.length > 1 ? `, a bundle of ${f.certificates.length}` : '';
  const mode = f.mode ? `, mode ${f.mode}` : '';
  const what = f.kind === 'manifest' ? `static pod manifest (${f.manifest.components.join(', ') || 'no Kubernetes component'})` : f.kind === 'unreadable' ? 'unreadable' : kindWords(f.kind).replace(/^an? /, '');
  const lines = wrap(`${shown(f.path, ctx)}: ${what}${format}${count}${mode}`, ctx.width);
  if (f.nameLies) lines.push(...wrap(`  WARNING: the name says ${kindWords(f.nameSays!)}, but it holds ${kindWords(f.kind)}`, ctx.width));
  return lines;
}

/** Every field of one file, as `inspect FILE` prints it (the wizard's detail pane shows the same). */
export function fileLines(f: FileReport, ctx: Ctx): string[] {
  const lines = header(f, ctx);
  switch (f.kind) {
    case 'certificate':
      f.certificates.forEach((c, i) => lines.push(...certificateLines(c, 2, ctx, f.certificates.length > 1 ? `[${i + 1}/${f.certificates.length}]` : undefined)));
      if (f.otherBlocks.length > 0) lines.push(...wrap(`  also holds: ${f.otherBlocks.join(', ')}`, ctx.width));
      if (f.key) lines.push(...keyLines(f.key, 2, ctx, f.path));
      break;
    case 'private-key':
    case 'public-key':
      lines.push(...keyLines(f.key, 2, ctx, f.path));
      break;
    case 'csr': {
      const opts = {indent: 2, labelWidth: LABEL, width: ctx.width};
      const s = f.csr;
      lines.push(
        ...field('Role', s.role.text, undefined, opts),
        ...field('Subject', safe(s.subject.text), undefined, opts),
        ...field('SANs', [...s.sans.dns.map((d) => `DNS:${d}`), ...s.sans.ips.map((i) => `IP:${i}`), ...s.sans.other].map(safe).join(', ') || '(none)', undefined, opts),
        ...field('Key', keyText(s.key), undefined, opts),
        ...field('Signature', s.signatureAlgorithm, undefined, opts),
        ...field('Command', s.openssl, undefined, opts),
      );
      break;
    }
    case 'kubeconfig':
      for (const c of f.kubeconfig.contexts) lines.push(...contextLines(c, ctx));
      if (f.kubeconfig.contexts.length === 0) lines.push('  no contexts or users');
      break;
    case 'manifest':
    case 'kubelet-config': {
      const opts = {indent: 4, labelWidth: 0, width: ctx.width};
      const refs = f.manifest.flags.flatMap((u) => (u.ref ? [u.ref] : []));
      const common = commonMapping(refs, ctx);
      if (common) lines.push(...wrap(`(${common})`, ctx.width - 2).map((l) => `  ${l}`));
      for (const g of f.manifest.groups) lines.push(...wrap(`- ${g.text}`, ctx.width - 2).map((l, i) => (i === 0 ? '  ' : '    ') + l));
      if (f.manifest.flags.length > 0) lines.push('  Files:');
      for (const u of f.manifest.flags) {
        lines.push(...field('', `${u.flag} ${safe(u.value)}`, undefined, opts));
        if (u.ref) lines.push(...field('', `→ ${refText(u.ref, ctx, common)}`, undefined, {...opts, indent: 6}));
      }
      if (f.manifest.flags.length === 0) lines.push('  no TLS flags inspect knows');
      break;
    }
    case 'unreadable':
      lines.push(...wrap(`  ${f.problem}`, ctx.width));
      break;
    case 'unknown':
      lines.push(...wrap(`  ${f.note}`, ctx.width));
      break;
  }
  return lines;
}

export function endpointLines(e: EndpointReport, ctx: Ctx): string[] {
  const opts = {indent: 2, labelWidth: LABEL, width: ctx.width};
  const name = e.servername ?? e.host;
  const lines = wrap(`${safe(e.endpoint)}: TLS endpoint${e.protocol ? ` (${e.protocol})` : ''}`, ctx.width);
  if (!e.connected || e.problem) lines.push(...field('Problem', safe(e.problem ?? 'no connection'), undefined, opts));
  if (!e.connected) return lines;
  if (e.coversName !== undefined) lines.push(...field('Name', `${safe(name)}: ${e.coversName ? 'covered by the certificate’s SANs' : 'NOT COVERED by the certificate’s SANs: clients dialling it fail'}`, undefined, opts));
  lines.push(...field('Verified', e.verified === undefined ? 'not checked (give --ca FILE)' : e.verified ? 'yes, against --ca' : `NO, against --ca: ${safe(e.verifyError ?? 'failed')}`, undefined, opts));
  e.chain.forEach((c, i) => lines.push(...certificateLines(c, 2, ctx, `[${i + 1}/${e.chain.length}] presented ${i === 0 ? '(leaf)' : ''}`.trimEnd())));
  return lines;
}

const KEY_FORMATS: Record<KeySummary['format'], string> = {pkcs1: 'PKCS#1', pkcs8: 'PKCS#8', sec1: 'SEC1', spki: 'SPKI'};

const NOUNS: Record<string, [one: string, many: string]> = {
  'certificate': ['certificate file', 'certificate files'], 'private-key': ['private key', 'private keys'],
  'public-key': ['public key', 'public keys'], 'csr': ['CSR', 'CSRs'], 'kubeconfig': ['kubeconfig', 'kubeconfigs'],
  'manifest': ['manifest', 'manifests'], 'kubelet-config': ['kubelet config', 'kubelet configs'],
  'unreadable': ['unreadable file', 'unreadable files'], 'unknown': ['other file', 'other files'],
};

/** `Read 116 files: 40 certificate files, …`: what a report covered, in one sentence. */
export function countsText(report: InspectReport): string {
  const counts = new Map<string, number>();
  for (const f of report.files) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return `Read ${report.files.length} file${report.files.length === 1 ? '' : 's'}: ${[...counts].map(([k, n]) => `${n} ${NOUNS[k]?.[n === 1 ? 0 : 1] ?? k}`).join(', ')}.`;
}

export const isOther = (f: FileReport): boolean => f.kind === 'unknown' && !f.nameLies;

export function reportText(report: InspectReport, options: TextOptions = {}): string {
  const ctx: Ctx = {width: options.width ?? 80, cwd: options.cwd};
  const blocks: string[][] = [];
  const others = report.files.filter(isOther);
  for (const f of report.files) if (!others.includes(f)) blocks.push(fileLines(f, ctx));
  for (const e of report.endpoints) blocks.push(endpointLines(e, ctx));
  if (others.length > 0) blocks.push(wrap(`Not PKI files: ${others.map((f) => shown(f.path, ctx)).join(', ')}`, ctx.width));
  if (report.files.length > 1) blocks.push(wrap(countsText(report), ctx.width));
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}
