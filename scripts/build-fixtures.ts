/**
 * Builds the test fixtures under fixtures/ and fixtures/manifest.json. Deterministic: run it again and the
 * content is the same (docx zips are rebuilt with fixed dates, so the bytes are too).
 *
 *   npx tsx scripts/build-fixtures.ts            build everything, then check each .docx with mammoth
 *   npx tsx scripts/build-fixtures.ts --lo       also check auto-numbering labels against LibreOffice's rendering
 *   npx tsx scripts/build-fixtures.ts --office   (re)make the LibreOffice-made bad inputs (legacy.doc, document.wps,
 *                                                encrypted.docx); without it they are kept as committed, since
 *                                                LibreOffice writes timestamps and random salts into them
 *   npx tsx scripts/build-fixtures.ts --no-verify
 */
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildArticleTyped } from './fixtures/article-typed.js';
import { buildOutlineAutonumber } from './fixtures/outline-autonumber.js';
import { buildArticleAutonumber } from './fixtures/article-autonumber.js';
import { buildTablesAttachments } from './fixtures/tables-attachments.js';
import { buildTextboxFootnotes } from './fixtures/textbox-footnotes.js';
import { buildTrackedComments } from './fixtures/tracked-comments.js';
import { buildLongDraft } from './fixtures/long-draft.js';
import { buildTextFixtures } from './fixtures/text.js';
import { buildBadFixtures } from './fixtures/bad.js';
import { hasSoffice, verifyDocx, verifyText } from './fixtures/verify.js';
import type { BadManifest, BuiltDocx, GoodManifest } from './fixtures/model.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const args = new Set(process.argv.slice(2));

function write(rel: string, data: Buffer | string): void {
  const p = join(ROOT, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, data);
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  console.log(`  ${rel.padEnd(34)} ${String(size).padStart(9)} bytes`);
}

const DOCX: [string, () => Promise<BuiltDocx>][] = [
  ['docx/article-typed.docx', buildArticleTyped],
  ['docx/outline-autonumber.docx', buildOutlineAutonumber],
  ['docx/article-autonumber.docx', buildArticleAutonumber],
  ['docx/tables-attachments.docx', buildTablesAttachments],
  ['docx/textbox-footnotes.docx', buildTextboxFootnotes],
  ['docx/tracked-comments.docx', buildTrackedComments],
  ['docx/long-draft-60k.docx', buildLongDraft],
];

async function main(): Promise<void> {
  const manifest: Record<string, GoodManifest | BadManifest> = {};
  const built = new Map<string, BuiltDocx>();
  console.log('fixtures →', ROOT);
  for (const [rel, build] of DOCX) {
    const b = await build();
    write(rel, b.data);
    manifest[rel] = b.manifest;
    built.set(rel, b);
  }
  const texts = buildTextFixtures();
  for (const t of texts) {
    write(t.path, t.data);
    manifest[t.path] = t.manifest;
  }
  const bad = await buildBadFixtures({
    root: ROOT,
    office: args.has('--office'),
    corruptSource: built.get('docx/article-typed.docx')!.data,
  });
  for (const b of bad) {
    if (b.data) write(b.path, b.data);
    else console.log(`  ${b.path.padEnd(34)} ${String(readFileSync(join(ROOT, b.path)).length).padStart(9)} bytes (kept)`);
    manifest[b.path] = b.manifest;
  }
  write('manifest.json', formatJson(manifest) + '\n');

  if (args.has('--no-verify')) return;
  const lo = args.has('--lo');
  if (lo && !hasSoffice()) throw new Error('--lo needs LibreOffice (soffice) on PATH');
  let failed = 0;
  for (const [rel, b] of built) {
    const problems = await verifyDocx(join(ROOT, rel), b.manifest, { lo, loLabels: b.loLabels, mammothKeeps: b.mammothKeeps });
    report(rel, problems);
    failed += problems.length;
  }
  for (const t of texts) {
    const problems = verifyText(readFileSync(join(ROOT, t.path)), t.manifest, t.encoding);
    report(t.path, problems);
    failed += problems.length;
  }
  for (const b of bad) {
    if (!existsSync(join(ROOT, b.path))) {
      report(b.path, ['missing']);
      failed++;
    }
  }
  if (failed) {
    console.error(`${failed} problem(s)`);
    process.exitCode = 1;
  }
}

/** JSON with one line per short object or array (a numbered entry, a table row), so diffs stay readable. */
function formatJson(v: unknown, indent = ''): string {
  const flat = JSON.stringify(v);
  if (flat === undefined) return 'null';
  if (typeof v !== 'object' || v === null || flat.length + indent.length <= 110) return flat;
  const next = indent + '  ';
  if (Array.isArray(v)) return `[\n${v.map((x) => next + formatJson(x, next)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  return `{\n${entries.map(([k, x]) => `${next}${JSON.stringify(k)}: ${formatJson(x, next)}`).join(',\n')}\n${indent}}`;
}

function report(rel: string, problems: string[]): void {
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${rel}`);
  for (const p of problems) console.log(`     ${p}`);
}

await main();
