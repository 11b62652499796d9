import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/diff/compare.js';
import { comparisonText } from '../../src/diff/diff-report.js';
import { obligationShifts, valueChanges } from '../../src/diff/shifts.js';
import { wordDiff } from '../../src/diff/words.js';
import { ingestText } from '../../src/ingest/ingest.js';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { documentJson } from '../../src/document/document-json.js';
import { review } from '../../src/review/review.js';
import { characterSegmenter } from '../../src/segment/segmenter.js';

const ruleSet = loadRuleSet();
const segmenter = jiebaSegmenter();

function version(file: string) {
  const doc = ingestText(readFileSync(file, 'utf8'));
  return { document: documentJson(doc), findings: review(doc, ruleSet).findings };
}

describe('fahu diff: two versions of a draft', () => {
  const d = compareVersions(version('fixtures/diff/v1-送审稿.txt'), version('fixtures/diff/v2-修改稿.txt'), { segmenter });
  const paths = (sides: { path: string }[]) => sides.map((s) => s.path);

  it('aligns clauses by content: renumbered, moved and split clauses matched', () => {
    expect(d.tooDifferent).toBe(false);
    const split = d.changes.find((c) => c.kind === 'split');
    expect(split && paths(split.old)).toEqual(['第五条']);
    expect(split && paths(split.new)).toEqual(['第五条', '第六条']);
    const renumbered = d.changes.filter((c) => c.renumbered).map((c) => `${paths(c.old)[0]}→${paths(c.new)[0]}`);
    expect(renumbered).toEqual(expect.arrayContaining(['第七条→第八条', '第八条→第十条', '第九条→第十一条']));
    expect(d.changes.some((c) => c.kind === 'moved' && ['第二条', '第三条'].includes(paths(c.old)[0] ?? ''))).toBe(true);
    expect(d.changes.filter((c) => c.kind === 'added').map((c) => paths(c.new)[0])).toEqual(['第九条']);
    expect(d.counts.removed).toBe(0);
  });

  it('flags obligation shifts and changed amounts as their own findings', () => {
    const shifts = d.changes.flatMap((c) => c.shifts.map((s) => `${s.kind}:${s.words}`));
    expect(shifts).toEqual(expect.arrayContaining(['义务弱化:应当→可以', '删除禁止性规定:删除“不得”']));
    const values = d.changes.flatMap((c) => c.values.map((v) => `${v.kind}:${v.old.join()}→${v.new.join()}`));
    expect(values).toContain('金额:50万元→80万元');
  });

  it('shows word-level differences inside a changed clause', () => {
    const fourth = d.changes.find((c) => c.kind === 'changed' && paths(c.old)[0] === '第四条');
    expect(fourth?.pieces?.filter((p) => p.op !== 'same')).toEqual([
      { op: 'removed', text: '50' },
      { op: 'added', text: '80' },
    ]);
    expect(comparisonText(d, { old: '送审稿', new: '修改稿' })).toContain('单个项目最高不超过〔删：50〕〔增：80〕万元');
  });

  it('reports each finding’s fate', () => {
    expect(d.fates.length).toBeGreaterThan(0);
    expect(d.fates.every((f) => ['resolved', 'still', 'new'].includes(f.fate))).toBe(true);
    expect(d.fates.some((f) => f.fate === 'still' && f.old?.path === '第五条')).toBe(true);
  });

  it('two unrelated documents get one clear note, not a wall of noise', () => {
    const other = compareVersions(version('fixtures/diff/v1-送审稿.txt'), version('fixtures/text/demo-review.txt'), { segmenter });
    expect(other.tooDifferent).toBe(true);
    expect(other.changes).toEqual([]);
    expect(other.note).toContain('两份文件差异过大');
  });
});

describe('diff building blocks', () => {
  it('counts obligation words per clause, so 必须 added and 可以→应当 are told apart', () => {
    expect(obligationShifts('企业可以申报。', '企业应当申报。')).toEqual([{ kind: '义务加重', words: '可以→应当' }]);
    expect(obligationShifts('企业申报。', '企业必须申报。')).toEqual([{ kind: '新增义务', words: '新增“必须”' }]);
    expect(obligationShifts('企业无须重复提交。', '企业须重复提交。')).toEqual([{ kind: '新增义务', words: '新增“须”' }]);
    expect(obligationShifts('不得截留，应当公示。', '应当公示，不得截留。')).toEqual([]);
  });

  it('lists changed time limits and dates', () => {
    expect(valueChanges('自收到之日起20个工作日内', '自收到之日起10个工作日内')).toEqual([{ kind: '期限', old: ['20个工作日'], new: ['10个工作日'] }]);
    expect(valueChanges('自2027年1月1日起施行', '自2027年3月1日起施行')).toEqual([{ kind: '日期', old: ['2027年1月1日'], new: ['2027年3月1日'] }]);
  });

  it('falls back to whole sentences when the token diff times out', () => {
    let a = '';
    let b = '';
    for (let i = 0; i < 4000; i++) {
      a += `甲${i}乙`;
      b += `丙${i * 7}丁`;
    }
    const d = wordDiff(a, b, characterSegmenter, 1);
    expect(d.timedOut).toBe(true);
    expect(d.pieces).toEqual([
      { op: 'removed', text: a },
      { op: 'added', text: b },
    ]);
  });
});
