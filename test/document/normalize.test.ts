import { describe, expect, it } from 'vitest';
import { continuesSentence, normalizeText, toCanonical } from '../../src/document/normalize.js';

const norm = (s: string, join = true) => normalizeText(s, { joinWrappedLines: join, markdown: false });

/** Every canonical character either equals its original or is its documented normal form. */
function expectOffsetsTrue(original: string) {
  const { text, offsets } = norm(original);
  const fold: Record<string, string> = { '，': ',', '；': ';', '：': ':', '（': '(', '）': ')', '？': '?', '！': '!', '.': '．' };
  for (let i = 0; i < text.length; i++) {
    const o = original[offsets[i] as number] ?? '';
    const c = text[i] as string;
    if (c === '\n') continue;
    const same = o === c || fold[c] === o || o.normalize('NFKC') === c || (c === ' ' && /\s/.test(o));
    expect(same, `canonical ${i} '${c}' vs original '${o}'`).toBe(true);
  }
  expect(offsets[text.length]).toBe(original.length);
}

describe('normalisation keeps offsets true', () => {
  it('folds full-width digits and letters, keeps Chinese punctuation', () => {
    const r = norm('自２０２６年１月１日起施行，ＡＢＣ公司');
    expect(r.text).toBe('自2026年1月1日起施行，ABC公司');
    expectOffsetsTrue('自２０２６年１月１日起施行，ＡＢＣ公司');
  });

  it('widens half-width punctuation in Chinese context only', () => {
    expect(norm('(一)对外地企业,给予奖励;另行规定:').text).toBe('（一）对外地企业，给予奖励；另行规定：');
    expect(norm('version 1.2, see (a) at 10:30').text).toBe('version 1.2, see (a) at 10:30');
    expect(norm('(1)申报材料').text).toBe('（1）申报材料');
  });

  it('drops a stray space between Chinese characters but keeps a wide gap', () => {
    expect(norm('对 外地企业 设置').text).toBe('对外地企业设置');
    expect(norm('湖州市财政局　　湖州市商务局').text).toBe('湖州市财政局 湖州市商务局');
    expect(norm('第 12 条').text).toBe('第12条');
  });

  it('trims lines, drops blank lines and markdown heading markers', () => {
    const r = norm('  标题\n\n\n　　## 一、总体要求  \n');
    expect(r.text).toBe('标题\n一、总体要求');
    expect(r.lines).toHaveLength(2);
    expect(r.lines[1]).toMatchObject({ start: 3, end: 9 });
  });

  it('re-joins a sentence wrapped over lines, not headings, dates or numbered lines', () => {
    const original = '为进一步优化营商环境，对在本区新注册的外地\n企业给予一次性奖励。\n一、总体要求\n（一）指导思想\n国务院办公厅\n2018年12月18日';
    const r = norm(original);
    expect(r.text.split('\n')).toEqual([
      '为进一步优化营商环境，对在本区新注册的外地企业给予一次性奖励。',
      '一、总体要求',
      '（一）指导思想',
      '国务院办公厅',
      '2018年12月18日',
    ]);
    // the joined "企" points at its place after the line break in the original
    const at = r.text.indexOf('企业');
    expect(original[r.offsets[at] as number]).toBe('企');
    expectOffsetsTrue(original);
  });

  it('does not join Word paragraphs', () => {
    expect(norm('对在本区新注册的外地企业给予奖励\n企业应当', false).text).toBe('对在本区新注册的外地企业给予奖励\n企业应当');
  });

  it('knows when a line continues a sentence', () => {
    expect(continuesSentence('文化体制改革中经营性文化事业单位', '转制为企业的规定')).toBe(true);
    expect(continuesSentence('进一步支持文化企业发展的规定', '为进一步深化文化体制改革')).toBe(false);
    expect(continuesSentence('各省、自治区、直辖市人民政府：', '现将有关事项通知如下')).toBe(false);
  });

  it('maps original offsets back to canonical ones', () => {
    const original = '  对 外地企业';
    const r = norm(original);
    expect(toCanonical(r.offsets, original.indexOf('外'))).toBe(r.text.indexOf('外'));
  });
});
