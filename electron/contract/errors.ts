// Errors that cross the contract: a stable code and a message. Kept apart from the schemas so the
// renderer's bundle gets them without zod.

/** Codes the wrapper itself produces (the engine's own codes pass through unchanged). */
export const WRAPPER_CODES = {
  badInput: 'BAD_INPUT',
  forbidden: 'FORBIDDEN',
  unknownChannel: 'UNKNOWN_CHANNEL',
  internal: 'INTERNAL',
} as const;

/** An error that carries a stable code across the boundary. Handlers may throw it or any error with `code`. */
export class ContractError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}
