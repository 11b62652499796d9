import { describe, expect, it } from 'vitest';
import { matchLabel } from '../../src/document/labels.js';

describe('numbering labels', () => {
  it.each([
    ['第一章　总则', 'chapter', 1, '第一章'],
    ['第二节 资金管理', 'section', 2, '第二节'],
    ['第十二条 有下列情形之一的', 'article', 12, '第十二条'],
    ['第二十一条为了', 'article', 21, '第二十一条'],
    ['十一、保障措施', 'o1', 11, '十一、'],
    ['（三）加强监管。', 'o2', 3, '（三）'],
    ['(十二)加强监管。', 'o2', 12, '(十二)'],
    ['2.加大稳岗支持。', 'o3', 2, '2.'],
    ['12、其他事项', 'o3', 12, '12、'],
    ['（1）申报材料', 'o4', 1, '（1）'],
    ['⑶ 申报材料', 'o4', 3, '⑶'],
    ['③ 申报材料', 'o5', 3, '③'],
    ['乙、申报材料', 'o6', 2, '乙、'],
  ])('reads %s', (line, kind, number, text) => {
    expect(matchLabel(line)).toMatchObject({ kind, number, text });
  });

  it.each([
    '1.5亿元用于奖励',
    '2019年12月31日',
    '第三条例外',
    '一是加强领导',
    '对（一）项所列',
    '国务院办公厅',
    '（此件公开发布）',
  ])('does not invent a label in %s', (line) => {
    expect(matchLabel(line)).toBeUndefined();
  });

  it('measures the label with the space after it', () => {
    expect(matchLabel('第一条　为了规范')?.length).toBe(4);
    expect(matchLabel('一、 总体要求')?.length).toBe(3);
  });
});
