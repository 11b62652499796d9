/**
 * Hostile and legacy inputs in `npm run bench`: what refusing an inflating .docx costs (alone and six at once
 * through the reader pool), and reading the .doc / .wps / PDF fixtures through the pool. The 20,000-case fuzz run
 * is `npm run fuzz` (its own figures: crashes, hangs, peak RSS).
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { isIngestError } from '../src/document/errors.js';
import { ingestBytes } from '../src/ingest/ingest.js';
import { isolatedDocxReader } from '../src/node/isolated-docx-reader.js';
import { packagePath } from '../src/node/package-root.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

async function inflatingDocx(mb: number): Promise<Uint8Array> {
  const p = '<w:p><w:r><w:t>企业应当依法经营。</w:t></w:r></w:p>';
  const zip = new JSZip();
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document ${W}><w:body>${p.repeat(Math.ceil((mb * 1024 * 1024) / p.length))}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'read';
  } catch (e) {
    return isIngestError(e) ? e.code : 'CRASH';
  }
}

export async function hostileInputsBench(log: (line: string) => void): Promise<void> {
  const bomb = await inflatingDocx(5);
  let t = performance.now();
  const alone = await outcome(ingestBytes(bomb, { fileName: 'bomb.docx', readDocx: isolatedDocxReader }));
  log(`\n恶意输入：${Math.round(bomb.length / 1024)} KB 的 .docx（document.xml 解压后 5 MB）单个拒收 ${(performance.now() - t).toFixed(0)} ms（${alone}）`);
  let peak = rssMb();
  const watch = setInterval(() => (peak = Math.max(peak, rssMb())), 10);
  t = performance.now();
  const six = await Promise.all(Array.from({ length: 6 }, async () => {
    const t0 = performance.now();
    const code = await outcome(ingestBytes(bomb, { fileName: 'bomb.docx', readDocx: isolatedDocxReader }));
    return { code, ms: performance.now() - t0 };
  }));
  clearInterval(watch);
  log(`  同时上传 6 个：全部完成 ${(performance.now() - t).toFixed(0)} ms，最慢一个 ${Math.max(...six.map((s) => s.ms)).toFixed(0)} ms（${[...new Set(six.map((s) => s.code))].join('、')}）；进程 RSS 峰值 ${peak.toFixed(0)} MB`);
  for (const f of ['reading/article-typed.doc', 'reading/article-typed.wps', 'reading/article-typed.pdf', 'reading/county-policy-crawled.pdf', 'reading/scanned.pdf']) {
    const bytes = new Uint8Array(readFileSync(packagePath('fixtures', f)));
    const times: number[] = [];
    let result = '';
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      result = await outcome(ingestBytes(bytes, { fileName: f.split('/').pop() as string, readDocx: isolatedDocxReader }));
      times.push(performance.now() - t0);
    }
    log(`  ${f}：${result}，读取（读取进程池）最快 ${Math.min(...times).toFixed(0)} ms`);
  }
}
