/** A refusal the API turns into a 4xx: the code names it, `field` points at the bad input. */
export class EngineError extends Error {
  constructor(
    readonly code:
      | 'not_found'
      | 'conflict'
      | 'invalid'
      | 'kill_switch_engaged'
      | 'store_unavailable',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** Who asked for a change: recorded in the audit trail. */
export interface Actor {
  actor: string;
  requestId: string | null;
}

export const engineActor: Actor = { actor: 'engine', requestId: null };
