/**
 * LibreOffice headless and poppler for the tests that open our Word files as Word and WPS would:
 * .docx → PDF with a profile of the test's own (so parallel test files and other users'
 * LibreOffice do not share a lock), then the PDF's pages, page size, text per page and word
 * boxes (pdftotext -bbox), and one page image (pdftoppm) kept as a test artefact.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ok = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;

export const hasOffice = ok('soffice', ['--version']) && ok('pdfinfo', ['-v']) && ok('pdftotext', ['-v']);
export const hasPdftoppm = ok('pdftoppm', ['-v']);

/** Writes each {name: bytes} under `dir` and converts them all in one LibreOffice run; returns name → PDF path. */
export function toPdf(dir: string, files: Record<string, Uint8Array>): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const paths = Object.entries(files).map(([name, bytes]) => {
    const file = join(dir, `${name}.docx`);
    writeFileSync(file, bytes);
    return file;
  });
  const profile = pathToFileURL(join(dir, 'lo-profile')).href;
  const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...paths], { encoding: 'utf8', timeout: 240_000 });
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
  const out: Record<string, string> = {};
  for (const p of paths) {
    const pdf = join(dir, basename(p).replace(/\.docx$/, '.pdf'));
    if (!existsSync(pdf)) throw new Error(`soffice wrote no PDF for ${basename(p)}: ${r.stdout}${r.stderr}`);
    out[basename(p, '.docx')] = pdf;
  }
  return out;
}

export interface PdfInfo {
  pages: number;
  /** Page size in points. */
  width: number;
  height: number;
}

export function pdfInfo(pdf: string): PdfInfo {
  const s = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
  const pages = Number(/^Pages:\s+(\d+)/m.exec(s)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(s);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/** The text of page `n` (1-based). */
export function pageText(pdf: string, n: number): string {
  return spawnSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
}

/** Text of every page, without white space (a title wrapped over two lines reads as one). */
export function pagesFlat(pdf: string): string[] {
  const { pages } = pdfInfo(pdf);
  return Array.from({ length: pages }, (_, i) => pageText(pdf, i + 1).replace(/\s+/g, ''));
}

export interface WordBox {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box in points, origin top left (pdftotext -bbox). */
export function wordBoxes(pdf: string): WordBox[] {
  const html = spawnSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
  const out: WordBox[] = [];
  let page = 0;
  for (const m of html.matchAll(/<page\b|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0] === '<page') {
      page++;
      continue;
    }
    out.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5] as string });
  }
  return out;
}

export const MM = 72 / 25.4;

/** Page `n` as a PNG under `dir` (60 dpi); the path, or null without pdftoppm. */
export function pageImage(pdf: string, n: number, dir: string, name: string): string | null {
  if (!hasPdftoppm) return null;
  const stem = join(dir, name);
  spawnSync('pdftoppm', ['-r', '60', '-png', '-f', String(n), '-l', String(n), '-singlefile', pdf, stem]);
  return `${stem}.png`;
}
