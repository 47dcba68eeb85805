/** Why a file could not be read, as a code the UI can branch on and a sentence a user understands. */
export type CsvErrorCode =
  | 'empty'
  | 'binary'
  | 'unsupported-encoding'
  | 'encoding-mismatch'
  | 'no-data-rows'
  | 'unterminated-quote'
  | 'row-too-long'
  | 'read-failed'
  | 'file-changed'
  | 'cancelled';

export class CsvReadError extends Error {
  readonly code: CsvErrorCode;

  constructor(code: CsvErrorCode, message: string) {
    super(message);
    this.name = 'CsvReadError';
    this.code = code;
  }
}

export function isCsvReadError(error: unknown): error is CsvReadError {
  return error instanceof Error && error.name === 'CsvReadError' && 'code' in error;
}
