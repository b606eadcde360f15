// kubeadm's RESIDUAL TIME and EXPIRES forms, and tables that wrap instead of cutting.

import {describe, expect, it} from 'vitest';
import {expiresText, shortHumanDuration} from '../../src/check/expiration.js';
import {tableText} from '../../src/ui/check-text.js';

describe('check-expiration columns', () => {
  it('prints time left as Go’s ShortHumanDuration does', () => {
    const day = 86_400;
    expect([-5, -1, 0, 59, 60, 3599, 3600, day - 1, day, 364 * day, 365 * day, 3650 * day].map(shortHumanDuration))
      .toEqual(['<invalid>', '0s', '0s', '59s', '1m', '59m', '1h', '23h', '1d', '364d', '1y', '10y']);
  });

  it('prints dates in Go’s Jan 02, 2006 15:04 MST layout, in UTC', () => {
    expect(expiresText(new Date('2027-03-10T09:05:00Z'))).toBe('Mar 10, 2027 09:05 UTC');
  });

  it('wraps cells at spaces and slashes to fit the width, never dropping a character', () => {
    const rows = [['CERTIFICATE', 'EXPIRES', 'CERTIFICATE AUTHORITY'], ['cp-12/apiserver-kubelet-client', 'Mar 10, 2027 09:05 UTC', 'front-proxy-ca']];
    expect(tableText(rows, 40, [0, 12])).toEqual([
      'CERTIFICAT  EXPIRES       CERTIFICATE',
      'E                         AUTHORITY',
      'cp-12/      Mar 10, 2027  front-proxy-ca',
      'apiserver-  09:05 UTC',
      'kubelet-cl',
      'ient',
    ]);
    // With room, tabwriter's padding of 3 and every cell on one line.
    expect(tableText(rows, 100)).toEqual([
      'CERTIFICATE                      EXPIRES                  CERTIFICATE AUTHORITY',
      'cp-12/apiserver-kubelet-client   Mar 10, 2027 09:05 UTC   front-proxy-ca',
    ]);
  });
});
