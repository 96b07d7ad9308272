import { randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/**
 * A new signing secret: `whsec_` and 32 random bytes in base64url. Receivers use the whole
 * string, prefix included, as the HMAC key.
 */
export const generateSecret = (): string =>
  `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;

/** The last four characters, shown in place of the secret after creation. */
export const secretPreview = (secret: string): string => secret.slice(-4);
