/**
 * Text normalisation that keeps offsets true. The canonical text has one paragraph per
 * line, no blank lines, half-width digits, Chinese punctuation in Chinese context, no
 * stray spaces between Chinese characters and (for text files) sentences re-joined across
 * hard line wraps. `offsets[i]` is the offset in the original of canonical character i,
 * so the original stays recoverable for every span.
 */
import { startsWithLabel } from './labels.js';
import { PAGE_META_LINE } from './line-kinds.js';

export interface NormalizeOptions {
  /** Re-join a sentence broken over lines (text files; Word paragraphs are real). */
  joinWrappedLines: boolean;
  /** Drop Markdown table separator rows (heading markers are always stripped). */
  markdown: boolean;
}

export interface Line {
  start: number;
  end: number;
  origStart: number;
  origEnd: number;
}

export interface NormalizedText {
  text: string;
  offsets: Uint32Array;
  lines: Line[];
}

const CJK_RE = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026《》]/;
export const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK_RE.test(ch);
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\u3000' || ch === '\u00a0' || ch === '\u2002' || ch === '\u2003';
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/;
// 、 is not here: a hard wrap after an enumeration comma is common (…一级资质、 / 电力工程…)
const TERMINAL = /[。！？；：…”’」』）)】!?;:]$/;
const DOC_TYPE_END = /(?:规定|办法|细则|意见|通知|措施|方案|规则|决定|条例|规划|纲要|指引|公告|通告|目录|清单|政策|纪要|协议|协议书|合同|合同书|备忘录|资格条件|采购需求|招标文件|采购文件|（试行）|（暂行）|稿）|（草案）)$/;
const DATE_LINE = /^(?:\d{4}|[〇○零一二三四五六七八九]{4})年.{1,3}月.{1,3}日$/;
/** An issuer and its date on one line, set apart by spaces (临海市人民政府办公室　　2026年11月20日): a line of its own. */
const ISSUER_AND_DATE = /^[\u4e00-\u9fff（）()]{2,40}\s+(?:\d{4}|[〇○零一二三四五六七八九]{4})年.{1,3}月.{1,3}日(?:印发|发布)?$/;
const DOC_NUMBER_LINE = /[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*\d*\s*号$/;

/**
 * A UTF-16 unit normalizeLine keeps as it is wherever it stands: not zero-width (ZERO_WIDTH), not a space
 * (isSpace) or a tab, and one mapChar returns unchanged whatever its neighbours (not a full-width digit or
 * letter, not one of ％＋＝／． , ; : ? !).
 */
function isPlain(c: number): boolean {
  if (c >= 0x4e00 && c <= 0x9fff) return true; // CJK ideographs: most of a draft
  if (c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000 || c === 0x2002 || c === 0x2003) return false;
  if ((c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff) return false;
  if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return false;
  switch (c) {
    case 0xff05: // ％
    case 0xff0b: // ＋
    case 0xff1d: // ＝
    case 0xff0f: // ／
    case 0xff0e: // ．
    case 0x2c: // ,
    case 0x3b: // ;
    case 0x3a: // :
    case 0x3f: // ?
    case 0x21: // !
      return false;
  }
  return true;
}

/** Maps one character; returns '' to drop it. */
function mapChar(ch: string, prev: string | undefined, next: string | undefined): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0xff10 && cp <= 0xff19) return String.fromCharCode(cp - 0xfee0); // ０-９
  if ((cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a)) return String.fromCharCode(cp - 0xfee0);
  switch (ch) {
    case '％': return '%';
    case '＋': return '+';
    case '＝': return '=';
    case '／': return '/';
    case '．': return prev !== undefined && /[0-9]/.test(prev) ? '.' : ch;
    case ',': return isCjk(prev) || isCjk(next) ? '，' : ch;
    case ';': return isCjk(prev) || isCjk(next) ? '；' : ch;
    case ':': return isCjk(prev) && !(next !== undefined && /[0-9]/.test(next) && prev !== undefined && /[0-9]/.test(prev)) ? '：' : ch;
    case '?': return isCjk(prev) ? '？' : ch;
    case '!': return isCjk(prev) ? '！' : ch;
  }
  return ch;
}

/** Positions of half-width parentheses that enclose Chinese or a line-start number label. */
function parensToWiden(line: string): Set<number> {
  const widen = new Set<number>();
  if (!line.includes('(')) return widen;
  // cjkBefore[i]: Chinese characters in line[0, i) — "does the inside hold Chinese" in O(1), not a slice per pair
  const cjkBefore = new Uint32Array(line.length + 1);
  for (let i = 0; i < line.length; i++) cjkBefore[i + 1] = (cjkBefore[i] as number) + (isCjk(line[i]) ? 1 : 0);
  const stack: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '(') stack.push(i);
    else if (ch === ')' && stack.length > 0) {
      const open = stack.pop() as number;
      const leadingLabel = open === 0 && i - open - 1 <= 3 && /^[0-9]{1,3}$/.test(line.slice(open + 1, i));
      const innerCjk = (cjkBefore[i] as number) - (cjkBefore[open + 1] as number) > 0;
      if (leadingLabel || innerCjk || isCjk(line[open - 1]) || isCjk(line[i + 1])) {
        widen.add(open);
        widen.add(i);
      }
    }
  }
  return widen;
}

/**
 * Spaces inside a numbering label as crawled pages write them: "第 1 0 条", "第 十 二 章", "（ 三 ）".
 * They are dropped so the label reads as one; a space between digits elsewhere is kept.
 */
const SPACED_LABEL = /第[\s\u30000-9０-９零〇一二两三四五六七八九十百千]{1,16}[条章节编款项]|^[（(][\s\u3000]*(?:[0-9０-９]{1,3}|[零〇一二两三四五六七八九十百千]{1,4})[\s\u3000]*[）)]|^(?:[0-9０-９]{1,3}|[零〇一二三四五六七八九十百千]{1,4})[\s\u3000]+(?=[、．.])/g;

function labelSpaces(line: string): Set<number> {
  const drop = new Set<number>();
  if (!line.includes('第') && !/^[（(0-9０-９零〇一二三四五六七八九十百千]/.test(line)) return drop;
  SPACED_LABEL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SPACED_LABEL.exec(line)) !== null) {
    for (let k = 0; k < m[0].length; k++) if (isSpace(m[0][k] as string) || m[0][k] === '\t') drop.add(m.index + k);
    if (m[0].length === 0) SPACED_LABEL.lastIndex++;
  }
  return drop;
}

interface LineOut {
  chars: string[];
  origins: number[];
}

function normalizeLine(line: string, base: number): LineOut {
  let from = 0;
  let to = line.length;
  while (from < to && (isSpace(line[from] ?? '') || line[from] === '\t' || ZERO_WIDTH.test(line[from] ?? ''))) from++;
  while (to > from && (isSpace(line[to - 1] ?? '') || line[to - 1] === '\t' || ZERO_WIDTH.test(line[to - 1] ?? ''))) to--;
  // a Markdown heading marker is never content of a Chinese draft, even in a .txt file
  const heading = /^#{1,6}\s+/.exec(line.slice(from, to));
  if (heading) from += heading[0].length;
  const body = line.slice(from, to);
  const widen = parensToWiden(body);
  const dropped = labelSpaces(body);
  const out: LineOut = { chars: [], origins: [] };
  const plain = widen.size === 0 && dropped.size === 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    // most characters of a draft: none of what is dropped, spaced, widened or mapped below (mapChar gives them back as they are)
    if (plain && isPlain(body.charCodeAt(i))) {
      out.chars.push(ch);
      out.origins.push(base + from + i);
      continue;
    }
    if (ZERO_WIDTH.test(ch) || dropped.has(i)) continue;
    if (isSpace(ch)) {
      let j = i;
      while (j < body.length && isSpace(body[j] as string)) j++;
      const prev = out.chars[out.chars.length - 1];
      const next = body[j];
      const run = j - i;
      // one stray space touching Chinese goes; a wider gap (issuers side by side) stays as one space
      if (!(run === 1 && (isCjk(prev) || isCjk(next) || (next === '%' && prev !== undefined && /[0-9]/.test(prev))))) {
        out.chars.push(' ');
        out.origins.push(base + from + i);
      }
      i = j - 1;
      continue;
    }
    let mapped: string;
    if (widen.has(i)) mapped = ch === '(' ? '（' : '）';
    else mapped = mapChar(ch, out.chars[out.chars.length - 1], body[i + 1]);
    out.chars.push(mapped);
    out.origins.push(base + from + i);
  }
  return out;
}

/** More opening than closing brackets, quotes or title marks: the line stops inside a bracket. */
function unclosed(s: string): boolean {
  let round = 0;
  let quote = 0;
  let book = 0;
  for (const ch of s) {
    if (ch === '（' || ch === '(') round++;
    else if (ch === '）' || ch === ')') round--;
    else if (ch === '“') quote++;
    else if (ch === '”') quote--;
    else if (ch === '《') book++;
    else if (ch === '》') book--;
  }
  return round > 0 || quote > 0 || book > 0;
}

/** A line that opens with a short field name and a colon (项目名称：, 采购人：, 甲方（盖章）：, 联系电话：). */
const FIELD_LINE = /^[\u4e00-\u9fa5]{2,8}(?:[（(][\u4e00-\u9fa5]{1,4}[）)])?[：:]/;

/** A clause number cited in a sentence, not opening a clause: 第五条规定的, 第三条第二款所列, （一）项, （二）目所称. */
const REFERENCE_START =
  /^(?:第[一二三四五六七八九十百零〇两\d]{1,5}[条款项章节](?:第[一二三四五六七八九十\d]{1,3}[款项])?(?:[（(][一二三四五六七八九十\d]{1,3}[）)])?(?:规定|所[称列述指]|的|之|和|或|及|至|、|以外|以及)|[（(][一二三四五六七八九十\d]{1,3}[）)](?:项|目|款)(?:规定|所|的|之|和|或|至|、|中))/;

/** Words that never open a paragraph: a line starting with one continues the sentence before it. */
const CONTINUATION_START = /^(?:[的，、。；：等及和或与之者起止]|以及|以上|以下|以内)/;

/**
 * A wrap after punctuation that usually ends a line: a colon or semicolon inside an open bracket
 * (…（名单见附件1： / XX公司、YY公司）…), or a closing bracket or quote before words that cannot open a paragraph
 * (…规上企业（含分公司） / 的，给予…).
 */
function wrapAfterPunctuation(prev: string, next: string): boolean {
  if (/[：；:;]$/.test(prev) && unclosed(prev)) return true;
  return /[）)”’」』]$/.test(prev) && CONTINUATION_START.test(next);
}

/**
 * The width a text file is hard-wrapped at (every line of a paragraph but the last has it), or 0: the
 * commonest length of the lines of 16 characters or more, when at least 5 lines and a quarter of them have it.
 */
function wrapWidth(original: string, ends: [number, number][]): number {
  const counts = new Map<number, number>();
  let long = 0;
  let start = 0;
  for (const [end, next] of ends) {
    const n = original.slice(start, end).trim().length;
    start = next;
    if (n < 16) continue;
    long++;
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [n, c] of counts) if (c > bestCount) [best, bestCount] = [n, c];
  return bestCount >= 5 && bestCount * 4 >= long ? best : 0;
}

/**
 * Whether line `next` continues the sentence of line `prev` (a hard wrap in a text file). `filled`: the line
 * before fills the width the text is wrapped at, so even a break after 。 or ； may be a wrap.
 */
export function continuesSentence(prev: string, next: string, filled = false): boolean {
  if (prev.length < 12 || next.length === 0) return false;
  if (PAGE_META_LINE.test(prev) || PAGE_META_LINE.test(next)) return false;
  // a document type word ends a title line (no sentence punctuation), not a sentence wrapped after 意见 or 办法
  if ((TERMINAL.test(prev) && !(filled && !FIELD_LINE.test(next)) && !wrapAfterPunctuation(prev, next)) || (DOC_TYPE_END.test(prev) && !filled && !/[，。；：,;]/.test(prev)) || DATE_LINE.test(prev) || DOC_NUMBER_LINE.test(prev) || ISSUER_AND_DATE.test(prev)) return false;
  if (prev.includes('\t') || next.includes('\t') || prev.startsWith('|') || next.startsWith('|')) return false;
  // a label that is a reference wrapped to the line start (依照本办法 / 第五条规定…, 本条第 / （一）项…) continues the sentence
  const reference = REFERENCE_START.test(next) || /第$/.test(prev);
  // a line filling the wrap width that ends inside a sentence (…补助比例在 / 第三条基础上…, …具体范围见 / 附件一。) goes on
  const open = filled && !TERMINAL.test(prev);
  if ((startsWithLabel(next) && !reference && !open) || (/^附件/.test(next) && !open) || DATE_LINE.test(next) || DOC_NUMBER_LINE.test(next)) return false;
  if (/^[（(].*[）)]$/.test(next)) return false; // （此件公开发布）
  // front matter of fields, one a line: 项目名称：… / 采购人名称：… / 甲方（盖章）：…
  if (FIELD_LINE.test(prev) && FIELD_LINE.test(next)) return false;
  // a numbered heading without sentence punctuation is a heading, not a wrapped sentence
  if (startsWithLabel(prev) && !/[。，；：]/.test(prev) && prev.length < 25 && !filled && !CONTINUATION_START.test(next)) return false;
  return true;
}

/** Appends without spreading into push (which overflows the stack on a line of ~125,000 characters). */
function append<T>(to: T[], from: readonly T[]): void {
  for (let k = 0; k < from.length; k++) to.push(from[k] as T);
}

/**
 * The paragraph joined so far, as continuesSentence needs it: its head (label, length) and its tail (last
 * punctuation). Kept short so a text of a thousand wrapped lines is not re-scanned at every join.
 */
function paragraphSoFar(prev: string, next: string): string {
  const joined = prev + next;
  return joined.length <= 400 ? joined : joined.slice(0, 200) + joined.slice(-200);
}

export function normalizeText(original: string, options: NormalizeOptions): NormalizedText {
  const chars: string[] = [];
  const origins: number[] = [];
  const lines: Line[] = [];
  let lineStart = 0;
  let blankSince = true; // a blank line separates paragraphs
  let prevText = '';
  const re = /\r\n|\r|\n|\u2028|\u2029/g;
  const ends: [number, number][] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(original)) !== null) ends.push([m.index, m.index + m[0].length]);
  ends.push([original.length, original.length]);
  const width = options.joinWrappedLines ? wrapWidth(original, ends) : 0;
  let prevFilled = false;

  for (const [lineEnd, nextStart] of ends) {
    const raw = original.slice(lineStart, lineEnd);
    const isTableRule = options.markdown && /^\|?[ \t]*:?-{3,}/.test(raw.trimStart());
    const out = isTableRule ? { chars: [], origins: [] } : normalizeLine(raw, lineStart);
    if (out.chars.length === 0) {
      blankSince = true;
      lineStart = nextStart;
      continue;
    }
    const text = out.chars.join('');
    const last = lines[lines.length - 1];
    const filled = width > 0 && raw.trimEnd().length === width;
    if (last && !blankSince && options.joinWrappedLines && continuesSentence(prevText, text, prevFilled && lines.length > 1)) {
      // join: no separator, the break was a wrap
      append(chars, out.chars);
      append(origins, out.origins);
      last.end = chars.length;
      last.origEnd = (out.origins[out.origins.length - 1] ?? lineEnd) + 1;
      prevText = paragraphSoFar(prevText, text);
    } else {
      if (last) {
        chars.push('\n');
        origins.push(last.origEnd);
      }
      const start = chars.length;
      append(chars, out.chars);
      append(origins, out.origins);
      lines.push({
        start,
        end: chars.length,
        origStart: out.origins[0] ?? lineStart,
        origEnd: (out.origins[out.origins.length - 1] ?? lineEnd) + 1,
      });
      prevText = text;
    }
    blankSince = false;
    prevFilled = filled;
    lineStart = nextStart;
  }
  const offsets = new Uint32Array(origins.length + 1);
  offsets.set(origins);
  offsets[origins.length] = original.length;
  return { text: chars.join(''), offsets, lines };
}

/** Canonical offset of the first canonical character at or after original offset `orig`. */
export function toCanonical(offsets: Uint32Array, orig: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid] as number) < orig) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
