/**
 * The cleanup campaign's background pre-check on a 200-document batch: import, attach, drain,
 * on an in-memory SQLite store with the shipped rules. Short .txt texts measure the runner and
 * the review; .docx texts go through the isolated Word reader (a worker per document).
 *
 *   npx tsx bench/cleanup-batch.ts [--docx]
 * or from bench/run.ts: `await cleanupBatchBench(console.log)`.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { CleanupStore } from '../src/cleanup/cleanup-store.js';
import { PrecheckRunner } from '../src/cleanup/runner.js';
import { isolatedDocxReader } from '../src/node/isolated-docx-reader.js';
import { openStore } from '../src/node/open-store.js';
import { packagePath } from '../src/node/package-root.js';
import { loadRuleSet } from '../src/node/rule-files.js';
import { scryptHasher } from '../src/node/scrypt-hasher.js';

export interface CleanupBatchResult {
  documents: number;
  format: 'txt' | 'docx';
  totalMs: number;
  perDocumentMs: number;
  findings: number;
}

export async function cleanupBatchBench(log: (s: string) => void, options: { documents?: number; docx?: boolean } = {}): Promise<CleanupBatchResult> {
  const n = options.documents ?? 200;
  const opened = await openStore({ memory: true, hasher: scryptHasher({ N: 1024, r: 8, p: 1 }) });
  try {
    const store = opened.store;
    const admin = await store.createUser({ name: 'bench', role: 'admin', password: 'bench-pass-1' }, null);
    const cleanup = new CleanupStore(store);
    const rows = Array.from({ length: n }, (_, i) => ({
      row: i + 2, title: `关于第${i + 1}项惠企政策的通知`, docNumber: `吴惠〔2024〕${i + 1}号`, issuer: '吴兴区人民政府', issueDate: '2024-01-02', validity: '5年', department: `部门${i % 7}`,
    }));
    const { campaign } = await cleanup.importInventory({ campaign: '基准', rows }, admin.id);
    const docx = options.docx ? new Uint8Array(readFileSync(packagePath('fixtures', 'docx', 'article-typed.docx'))) : null;
    const files = rows.map((r, i) => ({
      fileName: `${r.docNumber}.${docx ? 'docx' : 'txt'}`,
      bytes: docx ?? new TextEncoder().encode(`${r.title}\n${r.docNumber}\n一、${i % 3 === 0 ? '对新落户企业，按其区级地方综合贡献的80%给予奖励。' : '加强服务，依法办事。'}\n二、本通知自印发之日起施行，有效期5年。\n`),
    }));
    await cleanup.attachTexts(campaign.id, files, admin.id);
    const runner = new PrecheckRunner({ store, ruleSet: loadRuleSet(), ...(docx ? { readDocx: isolatedDocxReader } : {}) });
    const t0 = performance.now();
    const r = await runner.drain();
    const totalMs = performance.now() - t0;
    if (r.done !== n) throw new Error(`only ${r.done} of ${n} done (${r.failed} failed)`);
    const findings = (await store.db.first<{ c: number }>('SELECT count(*) AS c FROM review_findings'))?.c ?? 0;
    const result: CleanupBatchResult = { documents: n, format: docx ? 'docx' : 'txt', totalMs, perDocumentMs: totalMs / n, findings };
    log(`专项清理预审 ${n} 份 .${result.format}：${(totalMs / 1000).toFixed(1)} s，每份 ${result.perDocumentMs.toFixed(1)} ms，问题 ${findings} 个`);
    return result;
  } finally {
    opened.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  loadRuleSet();
  await cleanupBatchBench(console.log, { docx: process.argv.includes('--docx') });
}
