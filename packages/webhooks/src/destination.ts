import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress } from './address-policy.ts';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a hostname resolves to (like `dns.lookup` with `all: true`). */
export type LookupAll = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface DestinationOptions {
  /** Let loopback, private, link-local and CGNAT receivers through; metadata stays refused. */
  allowPrivate: boolean;
  lookup?: LookupAll;
  /** Gives up on a slow resolver. */
  signal?: AbortSignal;
}

export type DestinationCheck = { ok: true; addresses: string[] } | { ok: false; reason: string };

const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

const refuse = (reason: string): DestinationCheck => ({ ok: false, reason });

const withSignal = <T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> => {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
};

const resolve = async (
  hostname: string,
  options: DestinationOptions,
): Promise<{ addresses: string[] } | { reason: string }> => {
  if (isIP(hostname) !== 0) return { addresses: [hostname] };
  try {
    const found = await withSignal((options.lookup ?? systemLookup)(hostname), options.signal);
    if (found.length === 0) return { reason: `${hostname} does not resolve to any address` };
    return { addresses: found.map((entry) => entry.address) };
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const detail = typeof code === 'string' ? code : String(error);
    return { reason: `could not resolve ${hostname} (${detail})` };
  }
};

/**
 * Whether a webhook may be sent to `url`: http(s) only, no credentials, and every address
 * the host resolves to must be public. Run it when subscribing and again before each
 * attempt, since DNS can change in between (rebinding).
 *
 * @example
 * await checkDestination('http://169.254.169.254/latest/meta-data', { allowPrivate: true })
 * // { ok: false, reason: '169.254.169.254 is a cloud metadata address' }
 */
export const checkDestination = async (
  url: string | URL,
  options: DestinationOptions,
): Promise<DestinationCheck> => {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return refuse('not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return refuse(`only http and https destinations are allowed (got ${parsed.protocol})`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return refuse('credentials in the URL are not allowed');
  }
  // The WHATWG parser already turned 0x7f.1 or 2130706433 into 127.0.0.1; IPv6 keeps brackets.
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (hostname === '') return refuse('the URL has no host');

  const resolved = await resolve(hostname, options);
  if ('reason' in resolved) return refuse(resolved.reason);

  for (const address of resolved.addresses) {
    const verdict = classifyAddress(address);
    if (!verdict || (verdict.privateNetwork && options.allowPrivate)) continue;
    const where =
      address === hostname
        ? `${address} is a ${verdict.category} address`
        : `${hostname} resolves to ${address}, a ${verdict.category} address`;
    const hint = verdict.privateNetwork
      ? ' (private networks need WATCHFLOOR_WEBHOOK_ALLOW_PRIVATE=true)'
      : '';
    return refuse(`${where}${hint}`);
  }
  return { ok: true, addresses: resolved.addresses };
};
