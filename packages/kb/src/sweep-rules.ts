import { PK } from './keys.ts';

/** Id kinds whose newest item the sweeper leaves, expired or not: `lastId` numbers from it. */
export const ID_PARTITIONS: readonly string[] = [PK.alert, PK.incident, PK.audit, PK.fault];
