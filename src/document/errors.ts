/**
 * Errors a user can act on. Every refusal of input names the problem and what to do,
 * in Chinese, with a stable code for the API and the CLI (exit code 2).
 */
export type IngestErrorCode =
  | 'EMPTY_FILE'
  | 'EMPTY_TEXT'
  | 'TOO_LARGE'
  | 'UNCOMPRESSED_TOO_LARGE'
  | 'TOO_MANY_ENTRIES'
  | 'TOO_MANY_PARAGRAPHS'
  | 'TEXT_TOO_LONG'
  | 'LEGACY_DOC'
  | 'LEGACY_WPS'
  | 'ENCRYPTED'
  | 'PDF'
  | 'IMAGE'
  | 'RTF'
  | 'OTHER_OFFICE'
  | 'CORRUPT_DOCX'
  | 'NOT_TEXT'
  | 'UNSUPPORTED'
  | 'UNSAFE_XML'
  | 'SCANNED_PDF'
  | 'BUSY'
  | 'TIMEOUT'
  | 'OUT_OF_MEMORY';

export class IngestError extends Error {
  readonly code: IngestErrorCode;
  /** What the user should do, e.g. "请另存为 .docx 后重新提交". */
  readonly hint: string;

  constructor(code: IngestErrorCode, message: string, hint: string) {
    super(message);
    this.name = 'IngestError';
    this.code = code;
    this.hint = hint;
  }

  /** One line for a person: the problem, then what to do. */
  get userMessage(): string {
    return this.hint ? `${this.message}。${this.hint}` : this.message;
  }

  toJSON(): { code: IngestErrorCode; message: string; hint: string } {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

export function isIngestError(e: unknown): e is IngestError {
  return e instanceof IngestError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'IngestError');
}
