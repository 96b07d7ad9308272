/** A list cursor that this store did not hand out (the API answers 400). */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';

  constructor(cursor: string) {
    super(`invalid cursor: ${JSON.stringify(cursor.slice(0, 100))}`);
  }
}
