import { BlockList, isIP } from 'node:net';

export type AddressCategory =
  | 'cloud metadata'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared (carrier-grade NAT)'
  | 'unspecified'
  | 'broadcast'
  | 'multicast'
  | 'reserved';

interface Rule {
  category: AddressCategory;
  /** Lifted by `allowPrivate` (a receiver on the operator's own network). */
  privateNetwork: boolean;
  v4: string[];
  v6: string[];
}

// Checked in order: the metadata endpoint sits inside link-local, broadcast inside 240/4.
const rules: Rule[] = [
  {
    category: 'cloud metadata',
    privateNetwork: false,
    // AWS/GCP/Azure/OpenStack IMDS, AWS ECS task metadata, Alibaba Cloud metadata.
    v4: ['169.254.169.254/32', '169.254.170.2/32', '100.100.100.200/32'],
    v6: ['fd00:ec2::254/128'],
  },
  { category: 'unspecified', privateNetwork: false, v4: ['0.0.0.0/8'], v6: ['::/128'] },
  { category: 'loopback', privateNetwork: true, v4: ['127.0.0.0/8'], v6: ['::1/128'] },
  {
    category: 'private',
    privateNetwork: true,
    v4: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
    v6: ['fc00::/7', 'fec0::/10'],
  },
  { category: 'link-local', privateNetwork: true, v4: ['169.254.0.0/16'], v6: ['fe80::/10'] },
  { category: 'shared (carrier-grade NAT)', privateNetwork: true, v4: ['100.64.0.0/10'], v6: [] },
  { category: 'broadcast', privateNetwork: false, v4: ['255.255.255.255/32'], v6: [] },
  { category: 'multicast', privateNetwork: false, v4: ['224.0.0.0/4'], v6: ['ff00::/8'] },
  {
    category: 'reserved',
    privateNetwork: false,
    // IETF assignments, documentation, benchmarking, class E; IPv4-compatible, discard,
    // documentation IPv6.
    v4: [
      '192.0.0.0/24',
      '192.0.2.0/24',
      '198.18.0.0/15',
      '198.51.100.0/24',
      '203.0.113.0/24',
      '240.0.0.0/4',
    ],
    v6: ['::/96', '100::/64', '2001:db8::/32'],
  },
];

const hexGroups = (ipv4: string): string => {
  const n = ipv4.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const hex = n.toString(16).padStart(8, '0');
  return `${hex.slice(0, 4)}:${hex.slice(4)}`;
};

/**
 * An IPv4 range as it appears inside IPv6: NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
 * IPv4-mapped (::ffff:0:0/96) needs no entry: BlockList already matches it against IPv4 rules.
 */
const embeddedForms = (cidr: string): Array<[string, number]> => {
  const [network = '', bits = '32'] = cidr.split('/');
  const prefix = Number(bits);
  return [
    [`64:ff9b::${hexGroups(network)}`, 96 + prefix],
    [`2002:${hexGroups(network)}::`, 16 + prefix],
  ];
};

const addSubnet = (list: BlockList, cidr: string, type: 'ipv4' | 'ipv6'): void => {
  const [network = '', bits = ''] = cidr.split('/');
  list.addSubnet(network, Number(bits), type);
};

const compiled = rules.map((rule) => {
  const list = new BlockList();
  for (const cidr of rule.v4) {
    addSubnet(list, cidr, 'ipv4');
    for (const [network, prefix] of embeddedForms(cidr)) list.addSubnet(network, prefix, 'ipv6');
  }
  for (const cidr of rule.v6) addSubnet(list, cidr, 'ipv6');
  return { ...rule, list };
});

export interface AddressVerdict {
  category: AddressCategory;
  privateNetwork: boolean;
}

/**
 * Why an address must not receive webhooks, or null for an ordinary public address.
 * Anything that is not a plain IP literal counts as reserved.
 */
export const classifyAddress = (address: string): AddressVerdict | null => {
  const bare = address.replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return { category: 'reserved', privateNetwork: false };
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const rule of compiled) {
    if (rule.list.check(bare, type)) {
      return { category: rule.category, privateNetwork: rule.privateNetwork };
    }
  }
  return null;
};
