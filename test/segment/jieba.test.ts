import { describe, expect, it } from 'vitest';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { characterSegmenter, tokenize } from '../../src/segment/segmenter.js';

describe('nodejieba with the legal user dictionary', () => {
  const seg = jiebaSegmenter();

  it.each([
    ['对外地企业设置不合理条件', ['对', '外地企业']],
    ['要求在本地设立分支机构', ['分支机构']],
    ['指定品牌的产品', ['指定品牌']],
    ['给予税收返还和地方贡献奖励', ['税收返还', '地方贡献']],
    ['缴纳投标保证金', ['投标保证金']],
    ['参与政府采购和招标投标活动', ['政府采购', '招标投标']],
    ['以注册地作为条件', ['注册地']],
  ])('keeps legal terms whole in %s', (text, words) => {
    const cut = seg.cut(text);
    for (const w of words) expect(cut).toContain(w);
  });

  it('cuts 对外地企业 as 对|外地企业, not 对外|地|企业', () => {
    expect(seg.cut('对外地企业').slice(0, 2)).toEqual(['对', '外地企业']);
  });

  it('gives tokens whose offsets point back into the text', () => {
    const text = '第三条　对外地企业给予奖励，2026年起执行。';
    const tokens = tokenize(seg, text, 100);
    expect(tokens.map((t) => t.word).join('')).toBe(text);
    for (const t of tokens) expect(text.slice(t.start - 100, t.end - 100)).toBe(t.word);
  });

  it('the character segmenter also round-trips', () => {
    const text = '对外地企业 ABC 12.5%。';
    expect(characterSegmenter.cut(text).join('')).toBe(text);
  });
});
