/**
 * mammoth's own document reader (lib/docx/docx-reader.js, in every 1.x release): the document tree
 * that convertToHtml hands to `transformDocument`, without the HTML conversion. It reads the parts
 * through `exists`/`read`, as mammoth's lib/zipfile.js provides them.
 */
declare module 'mammoth/lib/docx/docx-reader.js' {
  export function read(docxFile: {
    exists(name: string): boolean;
    read(name: string, encoding?: string): Promise<string | Uint8Array>;
  }): Promise<{ value: unknown; messages: unknown[] }>;
}
