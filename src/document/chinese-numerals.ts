/** Chinese numerals as used in numbering labels and dates (一 … 九十九, 一百零一, 〇/零). */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, '○': 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const CHINESE_NUMERAL_CHARS = '零〇○一二两三四五六七八九十百千';

/** Parses 十二 → 12, 二十 → 20, 一百零一 → 101, and digit-by-digit forms 二〇二六 → 2026. */
export function parseChineseNumber(s: string): number | undefined {
  if (!s) return undefined;
  if (/^[0-9]+$/.test(s)) return Number(s);
  const hasUnit = /[十百千]/.test(s);
  if (!hasUnit) {
    // digit-by-digit, as in years: 二〇二六
    let n = 0;
    for (const ch of s) {
      const d = DIGITS[ch];
      if (d === undefined) return undefined;
      n = n * 10 + d;
    }
    return n;
  }
  let total = 0;
  let current = 0;
  let seenDigit = false;
  for (const ch of s) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      current = d;
      seenDigit = true;
      continue;
    }
    const unit = UNITS[ch];
    if (unit === undefined) return undefined;
    total += (seenDigit ? current : 1) * unit;
    current = 0;
    seenDigit = false;
  }
  return total + current;
}

const DIGIT_CHARS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Formats 12 → 十二, 20 → 二十, 101 → 一百零一 (Word's chineseCounting style up to 9999). */
export function formatChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0) return String(n);
  if (n === 0) return '〇';
  if (n >= 10000) return String(n);
  const parts: string[] = [];
  const units: [number, string][] = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
  ];
  let rest = n;
  let pendingZero = false;
  for (const [value, name] of units) {
    const d = Math.floor(rest / value);
    rest %= value;
    if (d > 0) {
      if (pendingZero) parts.push('零');
      // 10–19 read 十, 十一 …, not 一十
      if (!(value === 10 && d === 1 && parts.length === 0)) parts.push(DIGIT_CHARS[d] ?? '');
      parts.push(name);
      pendingZero = false;
    } else if (parts.length > 0) {
      pendingZero = true;
    }
  }
  if (rest > 0) {
    if (pendingZero) parts.push('零');
    parts.push(DIGIT_CHARS[rest] ?? '');
  }
  return parts.join('');
}

/** Digit-by-digit form used in years: 2026 → 二〇二六. */
export function formatChineseDigits(n: number): string {
  return String(n)
    .split('')
    .map((c) => (c === '0' ? '〇' : DIGIT_CHARS[Number(c)]))
    .join('');
}
