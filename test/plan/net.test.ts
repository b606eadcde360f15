// net.ts: canonical addresses, CIDRs and host:port splitting as the rules and the PKI model rely on them.

import {isIPv6} from 'node:net';
import {describe, expect, it} from 'vitest';
import {
  addressClass,
  canonicalIp,
  cidrSize,
  firstServiceIp,
  hostBitsClear,
  isIpv6,
  mappedIpv4,
  networkAddress,
  parseCidr,
  splitHostPort,
} from '../../src/plan/net.js';

describe('isIpv6', () => {
  const CASES = [
    '::', '::1', '1::', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', '1:2:3:4::5:6:7:8', '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:', ':::', '1:::2', '1::2::3', '12345::', 'g::', 'FD00::A',
    '::1.2.3.4', '::ffff:10.0.0.1', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', '1.2.3.4::', '::1.2.3.4:1', '::01.2.3.4',
    '::256.0.0.1', 'fe80::1%eth0', 'fe80::1%', '::%a', 'a::b%x%y', 'a::b%e-t.h:0', '%eth0', '', '10.0.0.1', 'host:6443', '[::1]',
  ];
  it.each(CASES)('%j as node:net says', (text) => expect(isIpv6(text)).toBe(isIPv6(text)));

  it('agrees with node:net on 20,000 generated near-addresses', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const pick = (s: string, length: number) => Array.from({length}, () => s[random(s.length)]).join('');
    const word = () => pick('0123456789abcdefABCDEF'.repeat(4) + 'g', 1 + random(random(10) === 0 ? 6 : 4));
    const octet = () => String(random(10) === 0 ? random(300) : random(256)).padStart(random(12) === 0 ? 3 : 0, '0');
    let yes = 0;
    for (let i = 0; i < 20_000; i++) {
      const words = Array.from({length: random(10)}, word);
      if (random(3) === 0) words.push([octet(), octet(), octet(), octet()].slice(0, random(8) === 0 ? 3 : 4).join('.'));
      let text = words.join(':');
      if (random(2) === 0) {
        const at = random(text.length + 1);
        text = `${text.slice(0, at)}${random(10) === 0 ? ':::' : '::'}${text.slice(at)}`;
      }
      if (random(6) === 0) text += `%${pick('eth0.-:%', random(4))}`;
      expect(isIpv6(text), JSON.stringify(text)).toBe(isIPv6(text));
      if (isIPv6(text)) yes++;
    }
    expect(yes).toBeGreaterThan(1000);
    expect(yes).toBeLessThan(19_000);
  });
});

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
