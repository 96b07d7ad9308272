import { describe, expect, it } from 'vitest';
import { checkDestination, type LookupAll } from './destination.ts';

const resolvesTo =
  (...addresses: string[]): LookupAll =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

const strict = { allowPrivate: false, lookup: resolvesTo('93.184.215.14') };
const lenient = { allowPrivate: true, lookup: resolvesTo('93.184.215.14') };

describe('checkDestination', () => {
  it('accepts a public https receiver', async () => {
    expect(await checkDestination('https://hooks.example.com/watchfloor', strict)).toEqual({
      ok: true,
      addresses: ['93.184.215.14'],
    });
  });

  it('refuses the cloud metadata endpoint', async () => {
    expect(await checkDestination('http://169.254.169.254/latest/meta-data', strict)).toEqual({
      ok: false,
      reason: '169.254.169.254 is a cloud metadata address',
    });
  });

  it('keeps refusing the metadata endpoint even when private networks are allowed', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://[fd00:ec2::254]/latest/meta-data',
      'http://[::ffff:169.254.169.254]/',
    ]) {
      const result = await checkDestination(url, lenient);
      expect(result).toMatchObject({
        ok: false,
        reason: expect.stringContaining('cloud metadata'),
      });
    }
    const viaDns = await checkDestination('http://metadata.google.internal/', {
      allowPrivate: true,
      lookup: resolvesTo('169.254.169.254'),
    });
    expect(viaDns).toEqual({
      ok: false,
      reason: 'metadata.google.internal resolves to 169.254.169.254, a cloud metadata address',
    });
  });

  it('refuses loopback, with a hint about the private-network switch', async () => {
    const result = await checkDestination('http://127.0.0.1:8080/hook', strict);
    expect(result).toEqual({
      ok: false,
      reason:
        '127.0.0.1 is a loopback address (private networks need WATCHFLOOR_WEBHOOK_ALLOW_PRIVATE=true)',
    });
    expect(await checkDestination('http://[::1]/', strict)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('::1 is a loopback address'),
    });
  });

  it('sees through other spellings of loopback', async () => {
    for (const url of [
      'http://2130706433/',
      'http://0x7f.1/',
      'http://127.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://[0:0:0:0:0:0:0:1]/',
    ]) {
      const result = await checkDestination(url, strict);
      expect(result, url).toMatchObject({ ok: false, reason: expect.stringContaining('loopback') });
    }
  });

  it('refuses private, link-local, unspecified and multicast addresses', async () => {
    const cases = [
      ['http://10.0.0.1/', 'private'],
      ['http://192.168.0.10/', 'private'],
      ['http://172.20.1.1/', 'private'],
      ['http://[fd00::1]/', 'private'],
      ['http://100.64.1.1/', 'carrier-grade NAT'],
      ['http://169.254.10.10/', 'link-local'],
      ['http://[fe80::1]/', 'link-local'],
      ['http://0.0.0.0/', 'unspecified'],
      ['http://224.0.0.251/', 'multicast'],
      ['http://255.255.255.255/', 'broadcast'],
    ] as const;
    for (const [url, category] of cases) {
      const result = await checkDestination(url, strict);
      expect(result, url).toMatchObject({ ok: false, reason: expect.stringContaining(category) });
    }
  });

  it('refuses a hostname that resolves to a private address', async () => {
    const result = await checkDestination('https://internal.example.com/hook', {
      allowPrivate: false,
      lookup: resolvesTo('10.1.2.3'),
    });
    expect(result).toEqual({
      ok: false,
      reason:
        'internal.example.com resolves to 10.1.2.3, a private address (private networks need WATCHFLOOR_WEBHOOK_ALLOW_PRIVATE=true)',
    });
  });

  it('refuses when any one of several resolved addresses is private', async () => {
    const result = await checkDestination('https://mixed.example.com/', {
      allowPrivate: false,
      lookup: resolvesTo('93.184.215.14', '127.0.0.1'),
    });
    expect(result.ok).toBe(false);
  });

  it('lets private receivers through when allowed', async () => {
    expect(await checkDestination('http://127.0.0.1:9000/', lenient)).toEqual({
      ok: true,
      addresses: ['127.0.0.1'],
    });
    const lan = await checkDestination('http://nas.lan/', {
      allowPrivate: true,
      lookup: resolvesTo('192.168.1.20'),
    });
    expect(lan.ok).toBe(true);
  });

  it('refuses schemes other than http and https', async () => {
    expect(await checkDestination('file:///etc/passwd', lenient)).toEqual({
      ok: false,
      reason: 'only http and https destinations are allowed (got file:)',
    });
    expect((await checkDestination('gopher://example.com/', lenient)).ok).toBe(false);
  });

  it('refuses credentials in the URL', async () => {
    expect(await checkDestination('https://user:pass@hooks.example.com/', lenient)).toEqual({
      ok: false,
      reason: 'credentials in the URL are not allowed',
    });
    expect((await checkDestination('https://token@hooks.example.com/', lenient)).ok).toBe(false);
  });

  it('refuses what does not parse or does not resolve', async () => {
    expect(await checkDestination('not a url', lenient)).toEqual({
      ok: false,
      reason: 'not a valid URL',
    });
    const failing: LookupAll = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(
      await checkDestination('https://nowhere.invalid/', { allowPrivate: false, lookup: failing }),
    ).toEqual({ ok: false, reason: 'could not resolve nowhere.invalid (ENOTFOUND)' });
    expect(
      await checkDestination('https://empty.example.com/', {
        allowPrivate: false,
        lookup: resolvesTo(),
      }),
    ).toEqual({ ok: false, reason: 'empty.example.com does not resolve to any address' });
  });

  it('gives up on a resolver that hangs once the signal aborts', async () => {
    const hanging: LookupAll = () => new Promise(() => {});
    const result = await checkDestination('https://slow.example.com/', {
      allowPrivate: false,
      lookup: hanging,
      signal: AbortSignal.timeout(20),
    });
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringContaining('could not resolve'),
    });
  });

  it('resolves real hostnames with the system resolver', async () => {
    const result = await checkDestination('http://localhost:1/', { allowPrivate: false });
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('loopback') });
  });
});
