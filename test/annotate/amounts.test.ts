import { describe, expect, it } from 'vitest';
import { chineseNumber, findAmounts } from '../../src/annotate/amounts.js';

const read = (text: string) => findAmounts(text).map((a) => [a.text, a.dimension, a.value]);

describe('amounts with their unit', () => {
  it('read money in 元, 万元, 亿元 to yuan, with decimals, commas and Chinese numerals', () => {
    expect(read('投标保证金为10万元（本项目预算金额为150万元）')).toEqual([
      ['10万元', 'money', 100000],
      ['150万元', 'money', 1500000],
    ]);
    expect(read('注册资本不低于3.5亿元，押金1,200元')).toEqual([
      ['3.5亿元', 'money', 350000000],
      ['1,200元', 'money', 1200],
    ]);
    expect(read('奖励五十万元，补贴二千元')).toEqual([
      ['五十万元', 'money', 500000],
      ['二千元', 'money', 2000],
    ]);
  });

  it('read volumes, areas, weights and shares each in its own dimension', () => {
    expect(read('年产能不低于200万立方米（需求量约3万立方米）')).toEqual([
      ['200万立方米', 'volume', 2000000],
      ['3万立方米', 'volume', 30000],
    ]);
    expect(read('厂房面积不少于2万平方米，用地50亩，年产5万吨')).toEqual([
      ['2万平方米', 'area', 20000],
      ['50亩', 'area', 50 * 666.67],
      ['5万吨', 'weight', 50000],
    ]);
    expect(read('比例为合同金额的10%')).toEqual([['10%', 'share', 10]]);
  });

  it('read counts of vehicles, people and vessels as their own dimensions (100辆 is not 100人)', () => {
    expect(read('养护里程不少于500公里，总里程86千米')).toEqual([
      ['500公里', 'length', 500],
      ['86千米', 'length', 86],
    ]);
    // metres are a length in kilometres too (a 2000米 ropeway against a 480米 one); 平方米 stays an area, 5毫米 no amount
    expect(read('单线长度2000米以上，本项目约480米，面积300平方米，厚度5毫米')).toEqual([
      ['2000米', 'length', 2],
      ['480米', 'length', 0.48],
      ['300平方米', 'area', 300],
    ]);
    expect(read('自有营运客车不少于100辆，从业人员五十人，船舶3艘')).toEqual([
      ['100辆', 'vehicles', 100],
      ['五十人', 'people', 50],
      ['3艘', 'vessels', 3],
    ]);
    // head of stock (fish fry, pigs, seedlings) compare with each other, not with people or vehicles
    expect(read('年繁育苗种2000万尾以上，本次采购30万尾，年出栏5万头')).toEqual([
      ['2000万尾', 'stock', 2e7],
      ['30万尾', 'stock', 3e5],
      ['5万头', 'stock', 5e4],
    ]);
  });

  it('leave numbers without a unit alone (一次性, 三年, 3座)', () => {
    expect(read('一次性奖励，三年内，搅拌站3座以上')).toEqual([]);
  });

  it('read Chinese numerals below ten thousand', () => {
    expect(chineseNumber('十五')).toBe(15);
    expect(chineseNumber('二百五十')).toBe(250);
    expect(chineseNumber('三千')).toBe(3000);
    expect(chineseNumber('二三')).toBeNaN();
  });
});
