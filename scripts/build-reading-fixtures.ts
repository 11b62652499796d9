/**
 * Fixtures for reading real documents (fixtures/reading/): .doc, .wps and PDF twins of our own .docx fixtures,
 * made with LibreOffice 7.4 (apt-get install libreoffice-writer-nogui), a PDF of the crawled county policy, and a
 * "scanned" PDF (one page, an image, no text layer) written by hand. LibreOffice writes timestamps, so the files
 * are committed and this script is only run to remake them:  npx tsx scripts/build-reading-fixtures.ts
 *
 * LibreOffice cannot write WPS's own format; WPS Office saves .wps in the Word 97–2003 compound-file format, which
 * is what fahu reads, so the .wps twin is LibreOffice's .doc under the .wps name.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'fixtures', 'reading');
const dir = mkdtempSync(join(tmpdir(), 'fahu-reading-'));

function soffice(args: string[]): void {
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, ...args, '--outdir', dir], { stdio: 'ignore', timeout: 180_000 });
}

/** A one-page PDF holding only an 8×8 grey image: what a scanner without OCR produces. */
function scannedPdf(): Buffer {
  const pixels = Buffer.alloc(64, 0x80);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
    `<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n${pixels.toString('latin1')}\nendstream`,
    '<< /Length 36 >>\nstream\nq 500 0 0 700 48 70 cm /Im1 Do Q\nendstream',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

try {
  for (const name of ['article-typed', 'tables-attachments']) {
    copyFileSync(join(ROOT, 'fixtures', 'docx', `${name}.docx`), join(dir, `${name}.docx`));
    soffice(['--convert-to', 'doc', join(dir, `${name}.docx`)]);
    soffice(['--convert-to', 'pdf', join(dir, `${name}.docx`)]);
    copyFileSync(join(dir, `${name}.doc`), join(OUT, `${name}.doc`));
    copyFileSync(join(dir, `${name}.pdf`), join(OUT, `${name}.pdf`));
  }
  copyFileSync(join(dir, 'article-typed.doc'), join(OUT, 'article-typed.wps'));
  copyFileSync(join(OUT, 'county-policy-crawled.txt'), join(dir, 'county-policy-crawled.txt'));
  soffice(['--infilter=Text (encoded):UTF8,,,', '--convert-to', 'pdf', join(dir, 'county-policy-crawled.txt')]);
  copyFileSync(join(dir, 'county-policy-crawled.pdf'), join(OUT, 'county-policy-crawled.pdf'));
  writeFileSync(join(OUT, 'scanned.pdf'), scannedPdf());
  for (const f of ['article-typed.doc', 'article-typed.pdf', 'county-policy-crawled.pdf', 'scanned.pdf']) console.log(f, readFileSync(join(OUT, f)).length, 'bytes');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
