/**
 * Explicit limits on what fahu accepts. A normative document rarely exceeds 100 pages;
 * these leave wide room for real drafts while refusing what would exhaust memory.
 */
export interface IngestLimits {
  /** Bytes of the uploaded file (.docx or text). */
  maxInputBytes: number;
  /** Bytes actually inflated from all zip entries together. */
  maxUncompressedBytes: number;
  /** Bytes inflated from the main document part (word/document.xml); a 60,000-character draft takes ~450 KB. */
  maxDocumentXmlBytes: number;
  /** Text runs (w:t) in the main document part, counted while inflating; the 60,000-character draft has ~2,400. */
  maxTextRuns: number;
  /** Number of entries in the .docx zip. */
  maxZipEntries: number;
  /** Paragraphs (blocks) after extraction. */
  maxParagraphs: number;
  /** Characters of the canonical document text. */
  maxTextChars: number;
  /** Milliseconds allowed for reading one .docx (Node adapter enforces it in a worker). */
  docxTimeoutMs: number;
  /** Heap megabytes for the .docx reading worker (Node adapter). */
  docxWorkerHeapMb: number;
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxInputBytes: 20 * 1024 * 1024,
  maxUncompressedBytes: 80 * 1024 * 1024,
  maxDocumentXmlBytes: 4 * 1024 * 1024,
  maxTextRuns: 200_000,
  maxZipEntries: 2000,
  maxParagraphs: 20000,
  maxTextChars: 1_000_000,
  docxTimeoutMs: 20000,
  docxWorkerHeapMb: 384,
};

export function withLimits(overrides?: Partial<IngestLimits>): IngestLimits {
  return { ...DEFAULT_LIMITS, ...(overrides ?? {}) };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} 字节`;
}
