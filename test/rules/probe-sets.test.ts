// Structural checks on the probe sets in fixtures/generalisation*/ (r1–r9). The held-out halves are
// blind material: these tests read them but never print a text — failures name ids and counts only.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProbes, type ProbeFiles } from '../../src/rules/probe-eval.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SETS = ['generalisation', 'generalisation-r2', 'generalisation-r3', 'generalisation-r4', 'generalisation-r5', 'generalisation-r6', 'generalisation-r7', 'generalisation-r8', 'generalisation-r9', 'generalisation-r10', 'generalisation-r11', 'generalisation-r12', 'generalisation-r13', 'generalisation-r14', 'generalisation-r15', 'generalisation-r16', 'generalisation-r17', 'generalisation-r18', 'generalisation-r19', 'generalisation-r20', 'generalisation-r21', 'generalisation-r22', 'generalisation-r23', 'generalisation-r24', 'generalisation-r25', 'generalisation-r26', 'generalisation-r27', 'generalisation-r28', 'generalisation-r29', 'generalisation-r30', 'generalisation-r31', 'generalisation-r32', 'generalisation-r33', 'generalisation-r34', 'generalisation-r35', 'generalisation-r36', 'generalisation-r37', 'generalisation-r38', 'generalisation-r39', 'generalisation-r40', 'generalisation-r41', 'generalisation-r42', 'generalisation-r43', 'generalisation-r44', 'generalisation-r45', 'generalisation-r46', 'generalisation-r47', 'generalisation-r48'];
const CATEGORIES = new Set(['限制市场准入和退出', '限制商品要素自由流动', '影响生产经营成本', '影响生产经营行为', '增设行政许可', '增设处罚或强制', '其他烦企扰民', '违法收费']);
const KINDS = new Set(['policy', 'tender', 'agreement', 'management']);

const files: ProbeFiles = {
  list: (dir) => (existsSync(dir) ? readdirSync(dir) : []),
  read: (path) => readFileSync(path, 'utf8'),
};

// The same normalisation the authoring scripts use: whitespace and the punctuation that varies between copies.
const norm = (s: string) => s.replace(/[\s,，;；:：。、()（）]/g, '');
const LEGAL_DIR = join(ROOT, 'corpus', 'legal');
const LEGAL = norm(
  readdirSync(LEGAL_DIR)
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(join(LEGAL_DIR, f), 'utf8'))
    .join(''),
);

describe.each(SETS)('probe set %s', (set) => {
  const { clauses, drafts } = readProbes(join(ROOT, 'fixtures', set), undefined, files);

  it('has clauses with unique ids, known categories and kinds', () => {
    expect(clauses.length).toBeGreaterThan(100);
    expect(new Set(clauses.map((c) => c.id)).size).toBe(clauses.length);
    const bad = clauses.filter((c) => !KINDS.has(c.kind) || (c.label === 'ok' ? c.category !== 'ok' : !CATEGORIES.has(c.category) || !c.item)).map((c) => c.id);
    expect(bad).toEqual([]);
  });

  it('cites for every violation a standard whose text is in corpus/legal', () => {
    const missing = clauses
      .filter((c) => c.label === 'violation')
      .filter((c) => {
        const std = (c as { standard?: unknown }).standard;
        if (typeof std !== 'string' || !std.includes('：')) return true;
        return !LEGAL.includes(norm(std.slice(std.indexOf('：') + 1)));
      })
      .map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it('has drafts whose every labelled quote occurs exactly once', () => {
    expect(drafts.length).toBeGreaterThan(0);
    const bad: string[] = [];
    for (const d of drafts) {
      if (!d.labels.some((l) => l.label === 'violation') || !d.labels.some((l) => l.label === 'ok')) bad.push(`${d.name}: 缺少问题或合法条款`);
      d.labels.forEach((l, i) => {
        const n = d.text.split(l.quote).length - 1;
        if (n !== 1) bad.push(`${d.name} 第 ${i + 1} 条标注出现 ${n} 次`);
        if (l.label === 'ok' ? l.category !== 'ok' : !CATEGORIES.has(l.category)) bad.push(`${d.name} 第 ${i + 1} 条标注类别不明`);
      });
    }
    expect(bad).toEqual([]);
  });
});
