import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/diff/compare.js';
import { ingestText } from '../../src/ingest/ingest.js';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { adoptionOf, inheritedDecisions, withInheritedDecisions } from '../../src/opinion/inherit.js';
import { documentJson } from '../../src/document/document-json.js';
import { opinionDocxWriter } from '../../src/report/writers/docx-opinion.js';
import type { ExportFinding } from '../../src/report/writers/types.js';
import { review } from '../../src/review/review.js';

const ruleSet = loadRuleSet();
const segmenter = jiebaSegmenter();
const TEXT = readFileSync('fixtures/diff/v1-送审稿.txt', 'utf8');

function version(text: string) {
  const doc = ingestText(text);
  return { document: documentJson(doc), findings: review(doc, ruleSet, { segmenter }).findings };
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
