/**
 * Items numbered inside one paragraph: "二、供应商资格要求（一）……；（二）……；（三）……" or "……：1.……；2.……".
 * Crawled pages, flattened Word files and many county drafts run a heading and its items into one paragraph;
 * a reviewer cites the item, and a lawful item must not share a clause with a violating one. The paragraph is
 * split into its heading and one line per item when the items count on from one (（一）（二）…, 1. 2. …) and
 * every item after the first starts after a full stop, semicolon or colon. A lead-in whose items are only cases of it
 * (有下列情形之一的，……：（一）……的；) keeps its items, which only make sense with it. A citation inside a sentence
 * (第五条（一）（二）项, 按本办法第（一）项) never starts such a run. Pure and web-standard.
 */
import { matchLabel, LABEL_RANK, type LabelKind } from './labels.js';
import type { Line } from './normalize.js';

/** Label kinds split out of a paragraph: （一） and 1. (the kinds a flattened outline most often runs together). */
const INLINE_KINDS: LabelKind[] = ['o2', 'o3'];
/** Where an item after the first may start: after these marks (spaces between allowed). */
const ITEM_BREAK = /[；;。：:]\s*$/;
/** A paragraph can hold a run only if some label follows a break mark (the cheap test before looking closer). */
const MAY_HOLD_RUN = /[；;。：:]\s*(?:[（(][零〇一二两三四五六七八九十百千]+[）)]|\d{1,3}(?:[.．](?!\d)|、))/;
/** Enough of the text after a position to read a label there. */
const LABEL_WINDOW = 16;
/** What the first item may follow: a break mark, or a short heading that opens the paragraph (二、供应商资格要求). */
const MAX_HEADING = 40;

interface Item {
  at: number;
  number: number;
}

/** Positions of labels of one kind inside `t` (the start included), with their numbers. */
function labelsIn(t: string, kind: LabelKind): Item[] {
  const out: Item[] = [];
  const starts = kind === 'o2' ? /[（(]/g : /\d/g;
  for (const m of t.matchAll(starts)) {
    const at = m.index;
    if (kind === 'o3' && at > 0 && /\d/.test(t[at - 1] as string)) continue;
    const label = matchLabel(t.slice(at, at + LABEL_WINDOW));
    if (label && label.kind === kind) out.push({ at, number: label.number });
  }
  return out;
}

/**
 * A lead-in whose items are only cases of it (有下列情形之一的，收回全部奖补资金：（一）迁出本市的；…): the paragraph
 * stays one clause, since an item alone (（一）迁出本市的) says nothing without its lead. Items that are statements of
 * their own (应当具备下列条件：（一）……取得食品生产许可证；（二）……) are split like any other run.
 */
const LISTING_LEAD = /(?:下列|以下|如下)[^：:。；]{0,40}[：:]\s*$/;
/** An item that is a case, not a statement: it ends in 的 (（一）注册地迁出本市的；). */
const CASE_ITEM = /的\s*[；;。，,]\s*$/;

/** The text of the item starting at `at`: up to the next label (of `items`) after a break mark, or the end. */
function firstItem(t: string, at: number, items: Item[]): string {
  const next = items.find((i) => i.at > at && ITEM_BREAK.test(t.slice(0, i.at)));
  return t.slice(at, next ? next.at : t.length);
}

/** The first item may follow a break mark, or a heading: a higher-ranked label, no full stop, at most 40 characters. */
function opensRun(t: string, at: number, kind: LabelKind, items: Item[]): boolean {
  const before = t.slice(0, at);
  if (LISTING_LEAD.test(before) && CASE_ITEM.test(firstItem(t, at, items))) return false;
  if (at === 0 || ITEM_BREAK.test(before)) return true;
  const head = matchLabel(before);
  return !!head && LABEL_RANK[head.kind] < LABEL_RANK[kind] && before.length <= MAX_HEADING && !/[。；;]/.test(before);
}

/** Cut points of the longest run 1, 2, 3 … of one label kind in `t` (empty when there is no run of two). */
function runCuts(t: string, kind: LabelKind): number[] {
  const items = labelsIn(t, kind);
  for (const first of items.filter((i) => i.number === 1 && opensRun(t, i.at, kind, items))) {
    const cuts = [first.at];
    let want = 2;
    for (const i of items) {
      if (i.at <= (cuts[cuts.length - 1] as number) || i.number !== want) continue;
      if (!ITEM_BREAK.test(t.slice(0, i.at))) continue;
      cuts.push(i.at);
      want++;
    }
    if (cuts.length >= 2) return cuts.filter((c) => c > 0);
  }
  return [];
}

/** Cut points of the first label kind (（一） before 1.) not above the paragraph's own label that holds a run. */
function itemCuts(t: string): number[] {
  const own = matchLabel(t)?.kind;
  for (const k of INLINE_KINDS) {
    if (own !== undefined && LABEL_RANK[own] > LABEL_RANK[k]) continue;
    const cuts = runCuts(t, k);
    if (cuts.length > 0) return cuts;
  }
  return [];
}

/**
 * Splits each paragraph holding a run of numbered items into the heading before them and one line per item.
 * `keep`: lines that stay whole (table rows and notes, whose cells and hints are keyed by the line).
 */
export function splitInlineItems(text: string, lines: Line[], keep: (l: Line) => boolean = () => false): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    if (keep(l)) {
      out.push(l);
      continue;
    }
    const t = text.slice(l.start, l.end);
    const cuts = MAY_HOLD_RUN.test(t) ? itemCuts(t) : [];
    if (cuts.length === 0) {
      out.push(l);
      continue;
    }
    let from = l.start;
    for (const c of cuts) {
      out.push({ ...l, start: from, end: l.start + c });
      from = l.start + c;
    }
    out.push({ ...l, start: from });
  }
  return out;
}
