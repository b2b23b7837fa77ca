// The engine's error family. Every error carries a stable `code` so it can cross process
// boundaries (IPC, HTTP, worker threads) as plain data and be rebuilt on the other side.

export type FolioErrorCode =
  | 'USER_INPUT'
  | 'SOURCE'
  | 'SOURCE_ENCRYPTED'
  | 'SOURCE_TIMEOUT'
  | 'SOURCE_TOO_COMPLEX'
  | 'MODEL_BEHAVIOR'
  | 'MODEL_UNAVAILABLE'
  | 'PROVIDER'
  | 'BUDGET_EXCEEDED'
  | 'ABORTED'
  | 'INTERNAL';

export interface SerializedError {
  code: FolioErrorCode;
  name: string;
  message: string;
  file?: string;
  page?: number;
}

export class FolioError extends Error {
  readonly code: FolioErrorCode;
  constructor(code: FolioErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
  toJSON(): SerializedError {
    return { code: this.code, name: this.name, message: this.message };
  }
}

/** The person asked for something that cannot be done as asked (bad flag, missing file, empty goal). */
export class UserInputError extends FolioError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('USER_INPUT', message, options);
  }
}

/** A source document could not be read. The message always starts with the file name. */
export class SourceError extends FolioError {
  readonly file: string;
  readonly page: number | undefined;
  constructor(
    file: string,
    problem: string,
    options?: { page?: number; code?: FolioErrorCode; cause?: unknown },
  ) {
    const where = options?.page !== undefined ? `${file}: page ${options.page}` : file;
    super(options?.code ?? 'SOURCE', `${where}: ${problem}`, options);
    this.file = file;
    this.page = options?.page;
  }
  override toJSON(): SerializedError {
    return { ...super.toJSON(), file: this.file, ...(this.page !== undefined ? { page: this.page } : {}) };
  }
}

/** A local model (ONNX) is unknown, missing, broken or failed to load. The message names the model and file. */
export class ModelError extends FolioError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MODEL_UNAVAILABLE', message, options);
  }
}

export class AbortedError extends FolioError {
  constructor(message = 'cancelled') {
    super('ABORTED', message);
  }
}

/** A model answered something the agent cannot use (garbage, nothing, invalid tool calls after one re-ask). */
export class ModelBehaviorError extends FolioError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MODEL_BEHAVIOR', message, options);
  }
}

/** A model provider failed (HTTP error, timeout, missing API key). Never carries the key itself. */
export class ProviderError extends FolioError {
  readonly status: number | undefined;
  constructor(message: string, options?: { status?: number; cause?: unknown }) {
    super('PROVIDER', message, options);
    this.status = options?.status;
  }
}

/** A research budget (steps, tokens, images, seconds) ran out before the work was done. */
export class BudgetExceeded extends FolioError {
  constructor(message: string) {
    super('BUDGET_EXCEEDED', message);
  }
}

/** Rebuilds a typed error from its serialized form (the inverse of toJSON). */
export function reviveError(e: SerializedError): FolioError {
  switch (e.code) {
    case 'USER_INPUT':
      return new UserInputError(e.message);
    case 'ABORTED':
      return new AbortedError(e.message);
    case 'MODEL_BEHAVIOR':
      return new ModelBehaviorError(e.message);
    case 'PROVIDER':
      return new ProviderError(e.message);
    case 'BUDGET_EXCEEDED':
      return new BudgetExceeded(e.message);
    case 'MODEL_UNAVAILABLE':
      return new ModelError(e.message);
    case 'SOURCE':
    case 'SOURCE_ENCRYPTED':
    case 'SOURCE_TIMEOUT':
    case 'SOURCE_TOO_COMPLEX': {
      const err = new SourceError(e.file ?? 'source', '', { code: e.code, ...(e.page !== undefined ? { page: e.page } : {}) });
      err.message = e.message;
      return err;
    }
    default:
      return new FolioError(e.code, e.message);
  }
}

export function toSerializedError(err: unknown): SerializedError {
  if (err instanceof FolioError) return err.toJSON();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', name: 'Error', message };
}
