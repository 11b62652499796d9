import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/diff/compare.js';
import { ingestText } from '../../src/ingest/ingest.js';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { adoptionOf, handCarryOver, inheritedDecisions, locateHandFinding, withInheritedDecisions } from '../../src/opinion/inherit.js';
import { documentJson } from '../../src/document/document-json.js';
import { opinionDocxWriter } from '../../src/report/writers/docx-opinion.js';
import type { ExportFinding } from '../../src/report/writers/types.js';
import { review } from '../../src/review/review.js';

const ruleSet = loadRuleSet();
const segmenter = jiebaSegmenter();
const TEXT = readFileSync('fixtures/diff/v1-送审稿.txt', 'utf8');

function version(text: string) {
  const doc = ingestText(text);
  return { document: documentJson(doc), findings: review(doc, ruleSet).findings };
}

describe('a later version inherits decisions', () => {
  // 第二版 (修改稿): renumbered, one clause split; the 第五条 finding is still there
  const v1 = version(TEXT);
  const v2 = version(readFileSync('fixtures/diff/v2-修改稿.txt', 'utf8'));
  const fates = compareVersions(v1, v2, { segmenter }).fates;

  it('carries a dismissal with its reason over to the finding still there, marked inherited', () => {
    const still = fates.find((f) => f.fate === 'still');
    expect(still?.old && still.new).toBeTruthy();
    const earlier: ExportFinding[] = v1.findings.map((f) => (f.id === still?.old?.id ? { ...f, status: 'dismissed', dismissReason: '材料为项目核验所必需' } : { ...f, status: 'confirmed' }));
    const inherited = inheritedDecisions(earlier, fates);
    const applied = withInheritedDecisions(v2.findings as ExportFinding[], inherited);
    const carried = applied.find((f) => f.id === still?.new?.id);
    expect(carried).toMatchObject({ status: 'dismissed', dismissReason: '材料为项目核验所必需', inherited: true });
    // a decision already taken on the new version is not overwritten
    const decided = withInheritedDecisions(v2.findings.map((f) => ({ ...f, status: 'confirmed' as const })), inherited);
    expect(decided.find((f) => f.id === still?.new?.id)?.status).toBe('confirmed');
  });

  it('says in the later opinion which earlier 修改意见 were adopted', async () => {
    const earlier: ExportFinding[] = v1.findings.map((f) => ({ ...f, status: 'confirmed' }));
    const resolved = { ...(earlier[0] as ExportFinding), id: 'gone', title: '已删除的条件', path: '第九条' };
    const allFates = [...fates, { fate: 'resolved' as const, old: resolved }];
    const adoption = adoptionOf([...earlier, resolved], allFates);
    expect(adoption.find((a) => a.title === '已删除的条件')?.adopted).toBe(true);
    expect(adoption.some((a) => !a.adopted)).toBe(true);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await opinionDocxWriter.write(v2, { laws: ruleSet.corpus.laws, adoption })) })).value;
    expect(text).toContain('四、前次意见采纳情况');
    expect(text).toContain('已删除的条件——已采纳');
  });
});

describe('a finding marked by hand on the earlier version', () => {
  const v1 = version(TEXT);
  const v2 = version(readFileSync('fixtures/diff/v2-修改稿.txt', 'utf8'));
  const comparison = compareVersions(v1, v2, { segmenter });
  /** A hand finding on the `nth` occurrence of `quote` in 第1版. */
  const hand = (id: string, quote: string, nth = 0, status: ExportFinding['status'] = 'confirmed') => {
    let start = -1;
    for (let i = 0; i <= nth; i++) start = v1.document.text.indexOf(quote, start + 1);
    expect(start).toBeGreaterThanOrEqual(0);
    return { id, quote, start, end: start + quote.length, status, dismissReason: status === 'dismissed' ? '属于上位法规定' : null, addedByHand: true };
  };
  const clauseAt = (doc: typeof v2.document, at: number) => doc.clauses.filter((c) => c.start <= at && at < c.end && c.kind === 'article').pop()?.path;

  it('is found again in the clause its words moved to, even where the words occur elsewhere too', () => {
    // “专项资金实行专款专用” stood in 第七条; in 第2版 it is 第八条, and “专项资金” occurs in many clauses
    const inSeventh = v1.document.text.indexOf('专项资金实行专款专用');
    const n = v1.document.text.slice(0, inSeventh).split('专项资金').length - 1;
    const f = hand('hand-a', '专项资金', n);
    const at = locateHandFinding(f, v1.document, v2.document, comparison);
    expect(at && v2.document.text.slice(at.start, at.end)).toBe('专项资金');
    expect(at && clauseAt(v2.document, at.start)).toBe('第八条');
    expect(v2.document.text.indexOf('专项资金')).toBeLessThan(at?.start ?? 0); // not simply the first occurrence
  });

  it('is gone when its words were changed (the reviewer’s point taken up), and only decided ones are carried', () => {
    const gone = hand('hand-b', '企业不得将专项资金用于偿还债务');
    expect(locateHandFinding(gone, v1.document, v2.document, comparison)).toBeNull();
    const kept = hand('hand-c', '任何单位和个人不得截留、挪用', 0, 'dismissed');
    const open = hand('hand-d', '区财政局负责资金预算安排', 0, 'open');
    const carried = handCarryOver([gone, kept, open, { ...hand('rule-e', '品牌建设'), addedByHand: false }], v1.document, v2.document, comparison);
    expect(carried.map((c) => c.fromFindingId)).toEqual(['hand-c']);
    expect(v2.document.text.slice(carried[0]?.start, carried[0]?.end)).toBe('任何单位和个人不得截留、挪用');
  });
});
