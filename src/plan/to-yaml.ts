// Plan → a commented YAML file that reads back to the same Plan: apiVersion first, one short comment per field,
// values quoted only when plain YAML would read them as something else.

import {parse} from 'yaml';
import {describeHours, parseDurationHours} from './duration.js';
import {escapeText} from './escape.js';
import {firstServiceIp} from './net.js';
import type {Plan, PlanNode, PlanUser} from './types.js';

/** A plain YAML scalar when it reads back as the same string (not `null`, `1e3`, `*.x`…), else double-quoted. */
function scalar(value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:@/-]*$/.test(value) || value.endsWith(':')) return JSON.stringify(value);
  try {
    const inFlow: unknown = parse(`[${value}]`);
    const inBlock: unknown = parse(`k: ${value}`);
    const same = Array.isArray(inFlow) && inFlow[0] === value && (inBlock as Record<string, unknown>).k === value;
    return same ? value : JSON.stringify(value);
  } catch {
    return JSON.stringify(value);
  }
}

const flowList = (items: readonly string[]) => `[${items.map(scalar).join(', ')}]`;

function nodeLine(n: PlanNode): string {
  return `  - {name: ${scalar(n.name)}, address: ${scalar(n.address)}, role: ${scalar(n.role)}}`;
}

function userLine(u: PlanUser): string {
  const allow = u.allowSystemGroups === undefined ? '' : `, allowSystemGroups: ${u.allowSystemGroups}`;
  return `  - {name: ${scalar(u.name)}, groups: ${flowList(u.groups)}${allow}}`;
}

function periodNote(text: string): string {
  const hours = parseDurationHours(text);
  return hours === undefined ? 'Go-style duration, as kubeadm' : `Go-style duration, as kubeadm: ${describeHours(hours)}`;
}

/** `[line, comment?]`: comments line up in one column, as in the documented plan reference. */
type Line = readonly [text: string, comment?: string];
const COMMENT_COLUMN = 40;

/** A readable plan file: apiVersion first, one short comment per field; parsePlanText reads it back unchanged. */
export function planToYaml(plan: Plan): string {
  const c = plan.certificates;
  const firstIp = firstServiceIp(plan.networking.serviceSubnet);
  const lines: Line[] = [
    [`apiVersion: ${scalar(plan.apiVersion)}`, 'a kubepki plan: kubepki generate --plan FILE --out DIR'],
    [`kind: ${scalar(plan.kind)}`, 'the certificates, keys and kubeconfigs of one cluster'],
    [`clusterName: ${scalar(plan.clusterName)}`, 'names the cluster in kubeconfigs; default kubernetes'],
    [`kubernetesVersion: ${scalar(plan.kubernetesVersion)}`, 'static pods and kubelet config follow kubeadm for this release'],
    [`controlPlaneEndpoint: ${scalar(plan.controlPlaneEndpoint)}`, 'optional host[:port] of a load balancer; host goes into apiserver SANs'],
    ['networking:'],
    [`  serviceSubnet: ${scalar(plan.networking.serviceSubnet)}`, `first IP${firstIp ? ` (${firstIp})` : ''} goes into apiserver SANs`],
    [`  dnsDomain: ${scalar(plan.networking.dnsDomain)}`, `kubernetes.default.svc.${plan.networking.dnsDomain} goes into apiserver SANs`],
    [`nodes:${plan.nodes.length === 0 ? ' []' : ''}`, 'at least one control-plane node'],
    ...plan.nodes.map((n): Line => [nodeLine(n)]),
    [`users:${plan.users.length === 0 ? ' []' : ''}`, 'extra people; each group becomes an O in their certificate'],
    ...plan.users.map((u): Line => [userLine(u)]),
    ['apiServer:'],
    [`  certSANs:${plan.apiServer.certSANs.length === 0 ? ' []' : ''}`, 'extra DNS names / IPs'],
    ...plan.apiServer.certSANs.map((s): Line => [`    - ${scalar(s)}`]),
    ['certificates:'],
    [`  layout: ${scalar(c.layout)}`, 'kubeadm | flat'],
    [`  authorities: ${scalar(c.authorities)}`, 'separate (kubernetes, etcd, front-proxy CAs) | single'],
    [`  encryptionAlgorithm: ${scalar(c.encryptionAlgorithm)}`, 'RSA-2048 | RSA-3072 | RSA-4096'],
    [`  certificateValidityPeriod: ${scalar(c.certificateValidityPeriod)}`, periodNote(c.certificateValidityPeriod)],
    [`  caCertificateValidityPeriod: ${scalar(c.caCertificateValidityPeriod)}`, periodNote(c.caCertificateValidityPeriod)],
  ];
  // Comments may quote plan values; escaping keeps a hostile value from ending the comment line.
  const render = ([text, comment]: Line) => (comment ? `${`${text} `.padEnd(COMMENT_COLUMN)}# ${escapeText(comment)}` : text);
  return `${lines.map(render).join('\n')}\n`;
}
