/** The formats a review can be written in (the writers themselves are in writers.ts, loaded when needed). */
export const EXPORT_FORMATS = ['text', 'md', 'json', 'html', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}
