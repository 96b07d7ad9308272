import { describe, expect, it } from 'vitest';
import { classifyAddress } from './address-policy.ts';

const categoryOf = (address: string) => classifyAddress(address)?.category ?? 'public';

describe('classifyAddress', () => {
  it.each([
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.170.2', 'cloud metadata'],
    ['100.100.100.200', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['not-an-ip', 'reserved'],
  ])('puts %s in %s', (address, category) => {
    expect(categoryOf(address)).toBe(category);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'cloud metadata'],
    ['::ffff:a00:1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'cloud metadata'],
    ['64:ff9b::192.168.0.1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:a9fe:a9fe::1', 'cloud metadata'],
    ['::127.0.0.1', 'reserved'],
  ])('sees through IPv6 forms that embed an IPv4 address: %s is %s', (address, category) => {
    expect(categoryOf(address)).toBe(category);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '172.15.255.255',
    '100.128.0.1',
    '169.255.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('lets the public address %s through', (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  it('marks only the on-premises ranges as liftable by allowPrivate', () => {
    expect(classifyAddress('10.0.0.1')?.privateNetwork).toBe(true);
    expect(classifyAddress('127.0.0.1')?.privateNetwork).toBe(true);
    expect(classifyAddress('169.254.169.254')?.privateNetwork).toBe(false);
    expect(classifyAddress('fd00:ec2::254')?.privateNetwork).toBe(false);
    expect(classifyAddress('224.0.0.1')?.privateNetwork).toBe(false);
  });
});
