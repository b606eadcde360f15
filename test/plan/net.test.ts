// net.ts: canonical addresses, CIDRs and host:port splitting as the rules and the PKI model rely on them.

import {describe, expect, it} from 'vitest';
import {
  addressClass,
  canonicalIp,
  cidrSize,
  firstServiceIp,
  hostBitsClear,
  mappedIpv4,
  networkAddress,
  parseCidr,
  splitHostPort,
} from '../../src/plan/net.js';

describe('canonicalIp', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['FD00::A', 'fd00::a'],
    ['fd00:0:0:0:0:0:0:a', 'fd00::a'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['::', '::'],
    ['01.2.3.4', undefined],
    ['10.0.0.256', undefined],
    ['fe80::1%eth0', undefined],
    ['[fd00::1]', undefined],
    ['10.0.0.0/8', undefined],
    ['', undefined],
  ])('%s → %s', (input, expected) => expect(canonicalIp(input)).toBe(expected));
});

describe('addressClass', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:a00:1', 'ipv4-mapped'],
    ['10.0.0.1', 'unicast'],
    ['fd00::1', 'unicast'],
  ])('%s is %s', (ip, kind) => expect(addressClass(ip)).toBe(kind));
  it('unwraps a mapped address', () => expect(mappedIpv4('::ffff:a00:1')).toBe('10.0.0.1'));
});

describe('CIDRs', () => {
  it('refuses a prefix with leading zeros', () => expect(parseCidr('10.96.0.0/012')).toBeUndefined());
  it('finds the network address and size', () => {
    expect(networkAddress('10.96.0.1', 12)).toBe('10.96.0.0');
    expect(networkAddress('fd00::1:2', 112)).toBe('fd00::1:0');
    expect(cidrSize(parseCidr('10.96.0.0/28')!)).toBe(16);
    expect(hostBitsClear(parseCidr('10.96.0.1/12')!)).toBe(false);
  });
  it('takes the first IP of the first CIDR, as kubeadm', () => {
    expect(firstServiceIp('10.96.0.0/12')).toBe('10.96.0.1');
    expect(firstServiceIp('fd00:10:96::/112,10.96.0.0/12')).toBe('fd00:10:96::1');
  });
});

describe('splitHostPort', () => {
  it.each([
    ['api.example.com', {host: 'api.example.com', port: undefined, isIp: false}],
    ['api.example.com:6443', {host: 'api.example.com', port: 6443, isIp: false}],
    ['10.0.0.1:443', {host: '10.0.0.1', port: 443, isIp: true}],
    ['[FD00::1]:6443', {host: 'fd00::1', port: 6443, isIp: true}],
    ['[fd00::1]', {host: 'fd00::1', port: undefined, isIp: true}],
  ])('%s', (input, expected) => expect(splitHostPort(input)).toEqual(expected));
  it.each(['2001:db8:1:2:3:4:5:6:6443', '[fe80::1%eth0]:6443', '[10.0.0.1]:6443', 'x:0', 'x:65536', 'x:'])(
    'refuses %s',
    (input) => expect(splitHostPort(input)).toBeUndefined(),
  );
});
