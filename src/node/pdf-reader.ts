/**
 * Reads the text layer of a PDF with pdfjs-dist (5.6.205, legacy build: 5.7+ needs Node 22.13), then rebuilds
 * paragraphs (ingest/pdf-layout.ts). A PDF without a text layer is a scan and is refused: it needs OCR first.
 * Runs inside the reader worker (node/pool-worker.ts), so a hostile PDF costs a bounded worker, not the server.
 */
import type { ExtractedText } from '../document/build.js';
import { IngestError } from '../document/errors.js';
import type { IngestLimits } from '../document/limits.js';
import { paragraphsFromPdf, pdfTextChars, type PdfPage } from '../ingest/pdf-layout.js';

/** Pages read at most (a normative document rarely has 100). */
const MAX_PAGES = 500;

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

export async function readPdf(bytes: Uint8Array, limits: IngestLimits): Promise<ExtractedText> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    // pdfjs takes ownership of the buffer it is given: hand it a copy
    doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false }).promise;
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') throw new IngestError('ENCRYPTED', 'PDF 文件设置了密码，无法读取', '请提供未加密的 PDF 或原始 Word 文件（.docx）');
    throw new IngestError('PDF', `PDF 文件已损坏，无法读取（${e instanceof Error ? e.message.slice(0, 60) : '未知错误'}）`, '请提供原始 Word 文件（.docx）或重新导出 PDF');
  }
  try {
    if (doc.numPages > MAX_PAGES) throw new IngestError('TOO_MANY_PARAGRAPHS', `PDF 共 ${doc.numPages} 页，超过 ${MAX_PAGES} 页的上限`, '请拆分为多个文件分别提交');
    const pages: PdfPage[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const pieces = (content.items as TextItem[])
        .filter((it) => typeof it.str === 'string' && Array.isArray(it.transform))
        .map((it) => ({ text: it.str, x: it.transform[4] ?? 0, y: it.transform[5] ?? 0, width: it.width, height: it.height }));
      pages.push({ width: viewport.width, height: viewport.height, pieces });
      chars += pieces.reduce((s, p) => s + p.text.length, 0);
      page.cleanup();
      if (chars > limits.maxTextChars) throw new IngestError('TEXT_TOO_LONG', `PDF 正文超过 ${limits.maxTextChars} 字的上限`, '请拆分为多个文件分别提交');
    }
    if (pdfTextChars(pages) < Math.max(20, pages.length * 5)) {
      throw new IngestError('SCANNED_PDF', '这是扫描件（PDF 中没有文字层），需先进行文字识别', '请用 OCR 软件识别文字后另存为 .docx，或提供原始 Word 文件');
    }
    return {
      original: paragraphsFromPdf(pages),
      rows: [],
      notes: [],
      joinWrappedLines: false,
      markdown: false,
      warnings: ['由 PDF 读取：段落按版面重建，页眉、页脚和页码已去除，表格按行读取；请核对条款编号与分段'],
    };
  } catch (e) {
    if (e instanceof IngestError) throw e;
    // pdfjs's own complaints about a damaged file (a missing endstream, a bad xref entry, bad flate data)
    throw new IngestError('PDF', `PDF 文件已损坏，无法读取（${e instanceof Error ? e.message.slice(0, 60) : '未知错误'}）`, '请提供原始 Word 文件（.docx）或重新导出 PDF');
  } finally {
    await doc.destroy();
  }
}
