import { describe, expect, it } from 'vitest';
import { formatChineseDigits, formatChineseNumber, parseChineseNumber } from '../../src/document/chinese-numerals.js';

describe('Chinese numerals', () => {
  it.each([
    [1, '一'], [10, '十'], [11, '十一'], [20, '二十'], [21, '二十一'], [99, '九十九'],
    [100, '一百'], [101, '一百零一'], [110, '一百一十'], [1000, '一千'], [1005, '一千零五'],
  ])('formats %i as %s and reads it back', (n, s) => {
    expect(formatChineseNumber(n)).toBe(s);
    expect(parseChineseNumber(s)).toBe(n);
  });

  it('reads digit-by-digit years and unknown characters', () => {
    expect(parseChineseNumber('二〇二六')).toBe(2026);
    expect(parseChineseNumber('二○二四')).toBe(2024);
    expect(formatChineseDigits(2026)).toBe('二〇二六');
    expect(parseChineseNumber('十x')).toBeUndefined();
    expect(parseChineseNumber('')).toBeUndefined();
  });
});
