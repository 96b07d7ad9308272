import type { Tier } from '@watchfloor/domain';

/** Readable service names per tier; larger estates reuse them with a numeric suffix. */
export const SERVICE_NAMES: Readonly<Record<Tier, readonly string[]>> = {
  edge: [
    'edge-gateway',
    'mobile-gateway',
    'partner-gateway',
    'admin-gateway',
    'web-bff',
    'graphql-gateway',
  ],
  api: [
    'checkout-api',
    'catalog-api',
    'search-api',
    'account-api',
    'orders-api',
    'cart-api',
    'pricing-api',
    'reviews-api',
    'shipping-api',
    'notifications-api',
    'payments-api',
    'loyalty-api',
  ],
  domain: [
    'payments',
    'orders',
    'inventory',
    'pricing',
    'fraud-detection',
    'shipping',
    'recommendations',
    'loyalty',
    'billing',
    'ledger',
    'identity',
    'notifications',
    'tax',
    'promotions',
    'fulfillment',
    'returns',
    'invoicing',
    'customer-profile',
    'risk-scoring',
    'settlement',
  ],
  datastore: [
    'orders-db',
    'payments-db',
    'users-db',
    'catalog-db',
    'inventory-db',
    'ledger-db',
    'billing-db',
    'analytics-db',
    'identity-db',
    'shipping-db',
  ],
  queue: [
    'events-queue',
    'orders-queue',
    'payments-queue',
    'email-queue',
    'audit-queue',
    'webhooks-queue',
    'fulfillment-queue',
  ],
  cache: [
    'session-cache',
    'catalog-cache',
    'pricing-cache',
    'rate-limit-cache',
    'cart-cache',
    'feature-flag-cache',
  ],
};

/** The `index`-th name of a tier: `payments`, …, then `payments-2`, `orders-2`, … */
export function serviceName(tier: Tier, index: number): string {
  const names = SERVICE_NAMES[tier];
  const base = names[index % names.length] ?? tier;
  const round = Math.floor(index / names.length);
  return round === 0 ? base : `${base}-${round + 1}`;
}

/** Regions in the order estates use them, with their local time offset from UTC. */
export const REGIONS = [
  { name: 'eu-west-1', code: 'euw1', utcOffsetHours: 0 },
  { name: 'us-east-1', code: 'use1', utcOffsetHours: -5 },
  { name: 'ap-southeast-1', code: 'apse1', utcOffsetHours: 8 },
] as const;
