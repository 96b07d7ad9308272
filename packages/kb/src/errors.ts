/** A list cursor that this store did not hand out (the API answers 400). */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';

  constructor(cursor: string) {
    super(`invalid cursor: ${JSON.stringify(cursor.slice(0, 100))}`);
  }
}

/** DynamoDB's item size limit, names and values together. */
export const MAX_ITEM_BYTES = 400 * 1024;

/**
 * A record too large for one DynamoDB item (400 KB, attribute names included). Thrown before
 * anything of the batch is written, naming the record, so a writer can tell it from an outage.
 */
export class ItemTooLargeError extends Error {
  override readonly name = 'ItemTooLargeError';

  constructor(
    readonly record: string,
    readonly bytes: number,
    /** The batch entry (alert, incident, knowledge item…) that would not fit, as written. */
    readonly entry?: unknown,
  ) {
    super(
      `${record} would take ${bytes} bytes stored, over DynamoDB's item limit of ${MAX_ITEM_BYTES} (400 KB)`,
    );
  }
}
