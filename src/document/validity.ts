/**
 * Validity periods in the forms drafts use: 有效期N年, 有效期为N年, 有效期至…, 暂定N年 (after 自…起执行),
 * 暂定N年有效期, 试行N年, 试行期N年, 执行至…, 执行期限…, 自…起至…止, and ranges 有效期为2026年1月1日至….
 * The last valid day is computed where the text allows it (a duration from a known start).
 */
import { parseChineseNumber } from './chinese-numerals.js';
import { endOfDuration, isoDate, parseChineseDate } from './dates.js';
import type { Validity } from './model.js';

const DATE = '((?:19|20)\\d{2})年(?:(\\d{1,2})月(?:(\\d{1,2})日)?)?';
const CN_DATE = '(?:(?:19|20)\\d{2}|[〇○零一二三四五六七八九]{4})年(?:\\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\\d{1,2}|[一二三四五六七八九十]{1,3})日';
const AMOUNT = '(\\d{1,2}|[一二三四五六七八九十两]{1,3}|半)\\s*(年|个月)';
const PERIOD_WORD = '(?:有效期|执行期限|政策期限|实施期限|执行期|实施期|试行期|政策有效期)';

/** The end of a stated task: 整治工作结束后自行废止, 专项行动完成后自动失效 (no date, but a bound). */
const CAMPAIGN_END = /(?:整治|行动|攻坚|专项|工作|活动)[^。；，]{0,6}(?:结束|完成|届满)后(?:即)?(?:自行|自动)(?:废止|失效|停止执行|终止执行)/;

/** Tried in order; the first form found wins. */
const UNTIL = new RegExp(`(?:${PERIOD_WORD}(?:限)?(?:为|是|：)?(?:至|到|截至)|(?:执行|实施|有效|施行)(?:至|到|截至))\\s*(${CN_DATE})(?:止)?`);
const RANGE = new RegExp(`(?:${PERIOD_WORD}(?:限)?(?:为|是|：)?\\s*|自)${DATE}(?:起)?(?:至|到|—|-|～)${DATE}止?`);
const DURATION = new RegExp(`(?:${PERIOD_WORD}(?:限)?(?:暂定为|暂定|为|是|：)?|(?:暂定|试行)(?:期)?(?:为)?)\\s*${AMOUNT}(?:有效期|试行期)?`);

function amountOf(raw: string, unit: string): { years?: number; months?: number } | undefined {
  if (raw === '半') return { months: 6 };
  const n = parseChineseNumber(raw.replace('两', '二'));
  if (n === undefined || n <= 0) return undefined;
  return unit === '个月' ? { months: n } : { years: n };
}

function dateOf(y?: string, m?: string, d?: string, endOfPeriod = false): string | undefined {
  if (!y) return undefined;
  if (!m) return endOfPeriod ? isoDate(Number(y), 12, 31) : isoDate(Number(y), 1, 1);
  if (!d) {
    if (!endOfPeriod) return isoDate(Number(y), Number(m), 1);
    const last = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    return isoDate(Number(y), Number(m), last);
  }
  return isoDate(Number(y), Number(m), Number(d));
}

/** `effectiveIso`: the day the document takes effect, to compute the end of a stated duration. */
export function findValidity(text: string, effectiveIso: string | undefined): Validity | undefined {
  const until = UNTIL.exec(text);
  if (until) {
    const v: Validity = { start: until.index, end: until.index + until[0].length, text: until[0] };
    const iso = parseChineseDate(until[1] ?? '');
    if (iso) v.until = iso;
    if (effectiveIso) v.from = effectiveIso;
    return v;
  }
  const range = RANGE.exec(text);
  if (range && /至|到|—|-|～/.test(range[0])) {
    const v: Validity = { start: range.index, end: range.index + range[0].length, text: range[0] };
    const from = dateOf(range[1], range[2], range[3]);
    const to = dateOf(range[4], range[5], range[6], true);
    if (from) v.from = from;
    if (to) v.until = to;
    // 自2026年1月1日起至…止 is a validity only when it bounds the document, not a deadline for applicants
    if (range[0].startsWith('自') && !/(施行|执行|实施|有效)/.test(text.slice(v.end, v.end + 8))) return undefined;
    return v;
  }
  const duration = DURATION.exec(text);
  if (duration) {
    const amount = amountOf(duration[1] ?? '', duration[2] ?? '');
    if (!amount) return undefined;
    const v: Validity = { start: duration.index, end: duration.index + duration[0].length, text: duration[0], duration: amount };
    if (effectiveIso) {
      v.from = effectiveIso;
      const end = endOfDuration(effectiveIso, amount.years ?? 0, amount.months ?? 0);
      if (end) v.until = end;
    }
    return v;
  }
  // a campaign notice ends with its campaign: 本通知自印发之日起施行，整治工作结束后自行废止
  const campaign = CAMPAIGN_END.exec(text);
  if (campaign) return { start: campaign.index, end: campaign.index + campaign[0].length, text: campaign[0], ...(effectiveIso ? { from: effectiveIso } : {}) };
  return undefined;
}
