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

/**
 * The period of a campaign (专项整治, 专项行动, 攻坚): the campaign notice applies for it, as a 执行期限 —
 * 整治期间（2027年4月至12月）, 整治时间：2027年3月1日至6月30日, 决定自2027年1月1日至2027年6月30日在全镇开展….
 * Only in a campaign notice (CAMPAIGN_TITLE in the opening lines).
 */
const CAMPAIGN_WORD = '(?:专项整治|集中整治|整治提升|整治|专项行动|行动|攻坚|活动)';
const CAMPAIGN_TITLE = /(?:专项整治|集中整治|整治提升|整治行动|专项行动|攻坚行动|攻坚战|百日攻坚|百日行动)/;
const DAY_OF_YEAR = '(?:(\\d{1,2})月(?:(\\d{1,2})日)?)';
const CAMPAIGN_PERIOD = new RegExp(
  `${CAMPAIGN_WORD}(?:工作)?(?:时间|期间|期限|时段|周期)(?:为|是|：)?\\s*[（(]?\\s*(?:自|从)?${DATE}(?:起)?(?:至|到|—|-|～)(?:${DATE}|${DAY_OF_YEAR})止?`,
);
const CAMPAIGN_RANGE = new RegExp(`(?:自|从)${DATE}(?:起)?(?:至|到)${DATE}止?[^。；\\n]{0,24}?(?:开展|实施|组织)[^。；\\n]{0,30}?${CAMPAIGN_WORD}`);
/** A schedule of phases (时间安排 / 实施步骤 … （5月1日至5月10日）…): bounded, its end not always with a year. */
const CAMPAIGN_SCHEDULE = /(?:时间安排|实施步骤|工作步骤|方法步骤|进度安排|时间节点)[\s\S]{0,200}?(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:—|-|～|至|到)(?:\d{4}年)?\d{1,2}月\d{1,2}日/;

function campaignPeriod(text: string): Validity | undefined {
  if (!CAMPAIGN_TITLE.test(text.slice(0, 200))) return undefined;
  const p = CAMPAIGN_PERIOD.exec(text) ?? CAMPAIGN_RANGE.exec(text);
  if (p) {
    const v: Validity = { start: p.index, end: p.index + p[0].length, text: p[0] };
    const from = dateOf(p[1], p[2], p[3]);
    // 2027年4月至12月: the end in the year of the start
    const to = p[4] ? dateOf(p[4], p[5], p[6], true) : p[7] ? dateOf(p[1], p[7], p[8], true) : undefined;
    if (from) v.from = from;
    if (to) v.until = to;
    return v;
  }
  const schedule = CAMPAIGN_SCHEDULE.exec(text);
  return schedule ? { start: schedule.index, end: schedule.index + schedule[0].length, text: schedule[0] } : undefined;
}

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
  // 自2026年1月1日起至…止 is a validity only when it bounds the document, not a deadline for applicants
  if (range && /至|到|—|-|～/.test(range[0]) && !(range[0].startsWith('自') && !/(施行|执行|实施|有效)/.test(text.slice(range.index + range[0].length, range.index + range[0].length + 8)))) {
    const v: Validity = { start: range.index, end: range.index + range[0].length, text: range[0] };
    const from = dateOf(range[1], range[2], range[3]);
    const to = dateOf(range[4], range[5], range[6], true);
    if (from) v.from = from;
    if (to) v.until = to;
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
  return campaignPeriod(text);
}
