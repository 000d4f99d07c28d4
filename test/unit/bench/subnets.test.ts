import * as assert from 'node:assert/strict';
import { cidrRange, pickFreeSubnets } from '../../../bench/subnets';

describe('benchmark subnets', () => {
  it('reads an IPv4 CIDR as its first and last address, from any address inside it', () => {
    assert.deepEqual(cidrRange('10.210.3.0/24'), [(10 << 24) + (210 << 16) + (3 << 8), (10 << 24) + (210 << 16) + (3 << 8) + 255]);
    assert.deepEqual(cidrRange('10.210.3.77/24'), cidrRange('10.210.3.0/24'));
    assert.equal(cidrRange('fd00::/64'), undefined);
    assert.equal(cidrRange('default'), undefined);
  });

  it('skips every /24 that overlaps a network in use, however wide', () => {
    assert.deepEqual(pickFreeSubnets([], 2), ['10.210.0.0/24', '10.210.1.0/24']);
    assert.deepEqual(pickFreeSubnets(['10.210.0.0/23', '10.210.2.128/25', 'fd00::/64'], 2), ['10.210.3.0/24', '10.210.4.0/24']);
    // A /8 route over all of 10/8 leaves nothing.
    assert.throws(() => pickFreeSubnets(['10.0.0.0/8'], 1), /only 0 free/);
  });
});
