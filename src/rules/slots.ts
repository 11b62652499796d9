/**
 * Slot patterns: an ordered list of typed slots (a place by locality, a term class, terms, an
 * organisation, a small regex) within one sentence, neighbours at most `gap` characters
 * apart (default 12); optional unordered `near` slots in the sentence or clause, and required
 * document signals (tender, agreement). Also the `differential` form (two amounts or scores
 * bound to places of different locality) and the `exclusive` form (an exclusivity word bound
 * to one organisation, or other operators shut out). Matches are computed on the sentence's
 * annotations (src/annotate/), never re-scanned per rule.
 */
import { chineseNumber } from '../annotate/amounts.js';
import type { SentenceAnnotations } from '../annotate/annotate.js';
import { isRegional, type PlaceSpan } from '../annotate/places.js';
import { and, gated, gatesOf, onClause, or, type Gate } from './gates.js';
import { finderOf, gateOfFind, regexFinder, termsFinder, type CompileEnv, type Hit, type Matcher, type SentenceContext, type Span } from './matchers.js';
import { isPhraseBreak } from './pattern-text.js';
import type { DifferentialPattern, Gap, PLACE_SLOTS, QuoteSpec, SlotItem, SlotPattern } from './schema.js';

export const DEFAULT_GAP = 12;

type SpanFinder = (a: SentenceAnnotations) => readonly Span[];
/** Places and organisations cost more to find than terms: look for them last. */
const COST: Record<string, number> = { terms: 0, class: 0, regex: 1, org: 2, place: 3 };
const costOf = (item: SlotItem) => COST[Object.keys(item).find((k) => k in COST) ?? 'terms'] ?? 0;

function placeMatches(kind: (typeof PLACE_SLOTS)[number], p: PlaceSpan): boolean {
  if (p.government) return false;
  switch (kind) {
    case 'local':
      return isRegional(p);
    case 'outside':
      return p.locality === 'outside';
    case 'both':
      return p.locality === 'both';
    case 'wider':
      return p.locality === 'wider';
    case 'anywhere':
      return true;
  }
}

/** Compiles one slot into a finder of its spans in a sentence; unknown classes and bad terms are load errors. */
export function compileSlot(item: SlotItem, env: CompileEnv): SpanFinder {
  // gates (gates.ts) over the annotations' own text: places may be anywhere and are looked up (touch)
  if ('place' in item) return gated((a: SentenceAnnotations) => a.places().filter((p) => placeMatches(item.place, p)), { need: true, touch: true });
  if ('org' in item) return gated((a: SentenceAnnotations) => a.orgs().filter((o) => item.org === 'every' || o.kind === item.org), { need: true, touch: false });
  if ('class' in item) {
    const terms = env.vocabulary.classes.get(item.class);
    if (!terms) throw new Error(`未知的词类 ${item.class}（词类在 rules/vocabulary.yaml 中定义：${[...env.vocabulary.classes.keys()].join('、')}）`);
    const subset = item.terms ? new Set(item.terms) : undefined;
    for (const t of item.terms ?? []) if (!terms.has(t)) throw new Error(`词“${t}”不在词类 ${item.class} 中`);
    // the annotations find a class's words as phrases (vocabulary.ts findTerms): one of them must be in the text
    const need = env.scanner ? env.scanner.phraseGate(subset ?? terms) : true;
    return gated(subset ? (a: SentenceAnnotations) => a.terms(item.class).filter((t) => subset.has(t.text)) : (a: SentenceAnnotations) => a.terms(item.class), { need, touch: false });
  }
  const find = 'terms' in item ? termsFinder(env, item.terms) : regexFinder(env, item.regex);
  return gated((a: SentenceAnnotations) => find(a.text), { need: gateOfFind(env, find), touch: false });
}

/** A numbering label at the start of a sentence (一、 （二） 3. 第五条), not part of a quote. */
const LABEL = /^\s*(?:第[一二三四五六七八九十百零〇\d]+条\s*|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．](?!\d)|[①-⑳])\s*/;

/** The end of an item label inside a run of text: 七、, 3. (not 3.5), （二）. */
const ITEM_LABEL_END = /[一二三四五六七八九十]+、|\d+[.．](?!\d)|[（(][一二三四五六七八九十\d]+[）)]/g;

/** The phrase around [start, end): back to the previous ，；：。 and on to the next (each side at most `cap` characters). */
export function phraseAround(text: string, start: number, end: number, cap = 30): Span {
  let s = start;
  while (s > 0 && start - s < cap && !isPhraseBreak(text[s - 1] as string)) s--;
  // stopped by the cap inside a run (a heading run into the clause: 招标公告七、本项目…): start after the last
  // item label before the hit (七、 3. （二）) rather than in the middle of a word (标公告七、…)
  if (s > 0 && !isPhraseBreak(text[s - 1] as string)) {
    let cut = -1;
    for (const m of text.slice(s, start).matchAll(ITEM_LABEL_END)) cut = s + (m.index as number) + m[0].length;
    if (cut > s) s = cut;
  }
  const label = LABEL.exec(text.slice(s, start));
  if (label) s += label[0].length;
  let e = end;
  while (e < text.length && e - end < cap && !isPhraseBreak(text[e] as string)) e++;
  return { start: s, end: e };
}

function quoteOf(spec: QuoteSpec | undefined, text: string, slots: Span[]): Span | undefined {
  const first = slots[0] as Span;
  const last = slots[slots.length - 1] as Span;
  if (spec === 'slots') return undefined;
  if (spec && typeof spec === 'object') {
    const a = slots[Math.min(spec.from, slots.length) - 1] as Span;
    const b = slots[Math.min(spec.to, slots.length) - 1] as Span;
    return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
  }
  return phraseAround(text, first.start, last.end);
}

/** Chains of one span per slot, in order, neighbours not overlapping and at most their gap apart. */
function chains(lists: (readonly Span[])[], gaps: number[]): Span[][] {
  const out: Span[][] = [];
  const walk = (i: number, chain: Span[]): boolean => {
    if (i === lists.length) {
      out.push([...chain]);
      return true;
    }
    const prev = chain[chain.length - 1] as Span;
    for (const c of lists[i] as readonly Span[]) {
      if (c.start < prev.end || c.start - prev.end > (gaps[i] as number)) continue;
      chain.push(c);
      const done = walk(i + 1, chain);
      chain.pop();
      if (done) return true; // the nearest continuation is enough
    }
    return false;
  };
  for (const first of lists[0] as readonly Span[]) walk(1, [first]);
  return out;
}

export function compileSlots(p: SlotPattern, env: CompileEnv): Matcher {
  const finders: SpanFinder[] = [];
  const costs: number[] = [];
  const gaps: number[] = [];
  let pending: number | undefined;
  for (const item of p.slots) {
    if ('gap' in item) {
      pending = (item as Gap).gap;
      continue;
    }
    gaps.push(finders.length === 0 ? 0 : (pending ?? DEFAULT_GAP));
    finders.push(compileSlot(item as SlotItem, env));
    costs.push(costOf(item as SlotItem));
    pending = undefined;
  }
  const order = finders.map((_f, i) => i).sort((x, y) => (costs[x] as number) - (costs[y] as number));
  if (finders.length === 0) throw new Error('slots 中至少要有一个槽位（gap 之外）');
  const near = (p.near ?? []).map((n) => compileSlot(n, env));
  const requires = p.requires ?? [];
  // gates: the slots in the order they run (each only where those before it may hit), then the near slots
  const slotGates = order.map((i) => gatesOf(finders[i] as SpanFinder));
  const nearGates = near.map(gatesOf);
  const mainNeed = and(...slotGates.map((g) => g.need));
  const gates = {
    // near slots of clause scope read the clause's text; of lead scope, text no gate reads (so they gate nothing)
    need: p.scope === 'lead' ? mainNeed : and(mainNeed, ...nearGates.map((g) => (p.scope === 'clause' ? onClause(g.need) : g.need))),
    touch: or(...slotGates.map((g, k) => and(...slotGates.slice(0, k).map((x) => x.need), g.touch)), and(mainNeed, or(...nearGates.map((g) => g.touch)))),
  };
  return gated((s: SentenceContext) => {
    const a = s.annotations;
    if (!a) return [];
    if (requires.some((r) => !s.document?.signals[r])) return [];
    // cheapest first: a slot with no span ends the search before places are looked up
    const lists: (readonly Span[])[] = new Array<readonly Span[]>(finders.length);
    for (const i of order) {
      const list = (finders[i] as SpanFinder)(a);
      if (list.length === 0) return [];
      lists[i] = list;
    }
    if (near.length > 0) {
      const where = p.scope === 'lead' && s.leadAnnotations ? s.leadAnnotations() : p.scope === 'clause' && s.clauseAnnotations ? s.clauseAnnotations() : a;
      if (near.some((f) => f(where).length === 0)) return [];
    }
    return chains(lists, gaps).map((chain): Hit => {
      const hit: Hit = { start: (chain[0] as Span).start, end: (chain[chain.length - 1] as Span).end, slots: chain };
      const quote = quoteOf(p.quote, a.text, chain);
      if (quote) hit.quote = quote;
      return hit;
    });
  }, gates);
}

/** What a differential compares: sums of money, scores, either, or a treatment (how often, how closely checked). */
const AMOUNT: Record<'money' | 'score' | 'either' | 'treatment', RegExp> = {
  // 全额 (兑付、补贴) against a share of it (八折): 全额兑付 for one place, 八折 for the other
  money: /(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(?:万元|亿元|元|万|%|％|倍|个百分点)|[一二三四五六七八九]折|全额|足额/g,
  score: /(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)分/g,
  either: /(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(?:万元|亿元|元|万|%|％|倍|分|个百分点)/g,
  treatment: /每车必查|每批必检|逐车|逐批|逐件|逐船|每船|每航次|每车次|每批次?|按批次?|批批检|全数检查|全检|必查|双随机|随机抽查|抽查|抽检|按(?:[日周月季年]|季度|月度|年度)抽[查检]|每(?:[日周月季年]|季度|月度|年度)[^，。；]{0,20}?[一二两三四五六七八九十\d]+次|按(?:[日周月季年]|季度|月度|年度)(?:开展|进行|组织)?(?:巡查|检查|巡检|检测)|免检|免于检查|书面审查|现场核查/g,
};
/** How often, whatever the words between: 每季度由县文旅部门开展一次, 每季检查一次 and 按季度巡查 are all 季1次; 每月开展不少于4次 is 月4次. */
function valueKey(v: string): string {
  const once = /^按(季度|月度|年度|[日周月季年])/.exec(v);
  if (once) return `${(once[1] as string).replace('度', '')}1次`;
  const often = /^每(季度|月度|年度|[日周月季年])[\s\S]*?([一二两三四五六七八九十\d]+)次$/.exec(v);
  if (!often) return v;
  const period = (often[1] as string).replace('度', '');
  const count = often[2] as string;
  return `${period}${/^\d+$/.test(count) ? Number(count) : chineseNumber(count)}次`;
}

/** A fee or price level named by the bound of a scale: 按收费标准上限收取 against 按下限收取. */
const LEVEL = /(?:收费标准|标准|价格)?(?:上限|下限|最高档|最低档|最高标准|最低标准)/g;

/** A place right after which the sentence names where something goes (进入仙居县市场, 在长沙县投资): a setting, not whose goods or operators. */
const SETTING_BEFORE = /(?:进入|进|在|到|来|至|赴|入|运往|运至|销往|(?<![高低大小多少等优劣过])于)$/; // 高于本市企业: a comparison, not a setting
/** Where a person or firm is registered or lives (户籍在新塍镇的经营者, 注册在本县的企业): a record of whom, not a setting. */
const RECORD_BEFORE = /(?:户籍|户口|注册|注册地|住所|住所地|登记|居住|常住|籍贯)(?:均|都)?(?:在|于)$/;
/** What follows a place where a record was made: 在本县注册的, or a certificate obtained there (在本市培训机构取得的证书). */
const RECORD_AFTER = /^(?:[^，。；]{0,3}?(?:注册|登记|生产|纳税|落户|设立|产的|籍)|[^，。；]{0,8}?(?:取得|获得|考取|颁发)的?[^，。；]{0,10}?(?:证书|证|资格|奖项|称号))/;

/** A place that qualifies an operator, goods or a record right after it ("县外企业", "本市生产的"), not a setting ("在嘉善投资"). */
const QUALIFIES = /^[^，。；]{0,3}?(?:企业|公司|经营者|经营户|商户|单位|机构|车辆|船舶|船只|渔船|货船|产品|商品|货物|油库|设备|材料|项目|人员|供应商|投标人|投资者|投资方|客商|注册|登记|生产|产的|籍)/;

/**
 * Two amounts (or scores, or treatments) bound to places of different locality in one sentence:
 * 本地企业奖励50万元，外地企业30万元. Each amount binds to the nearest place before it that
 * qualifies an operator or goods (县外企业), else to the nearest place before it.
 */
export function compileDifferential(p: DifferentialPattern, env: CompileEnv): Matcher {
  const amounts = finderOf(env, AMOUNT[p.differential]);
  const levels = finderOf(env, LEVEL);
  const gap = p.gap ?? 40;
  const near = (p.near ?? []).map((n) => compileSlot(n, env));
  // gates: two amounts (or levels) in the text read (the sentence's, or the clause's) before its places are looked up
  const found = or(gateOfFind(env, amounts), p.differential === 'money' ? gateOfFind(env, levels) : false);
  const own = and(found, ...near.map((n) => gatesOf(n).need));
  const gates = p.scope === 'clause' ? { need: onClause(own), touch: onClause(found) } : { need: own, touch: found };
  return gated((s: SentenceContext) => {
    const own = s.annotations;
    if (!own) return [];
    // scope: clause — the two treatments may sit in two sentences of one clause (外地车辆每车次200元；本县车辆80元)
    const a = p.scope === 'clause' && s.clauseAnnotations ? s.clauseAnnotations() : own;
    const shift = own.offset - a.offset;
    const found = [...amounts(a.text), ...(p.differential === 'money' ? levels(a.text) : [])].sort((x, y) => x.start - y.start);
    if (found.length < 2) return [];
    const places = a.places().filter((pl) => !pl.government && (isRegional(pl) || pl.locality === 'outside'));
    if (places.length < 2) return [];
    if (near.some((f) => f(a).length === 0)) return [];
    const isSetting = (pl: PlaceSpan) => {
      const before = a.text.slice(Math.max(0, pl.start - 8), pl.start);
      return SETTING_BEFORE.test(before) && !RECORD_BEFORE.test(before);
    };
    const allSettings = places.every(isSetting);
    const bound: { place: PlaceSpan; amount: Span; value: string }[] = [];
    for (const amount of found) {
      const all = places.filter((pl) => pl.end <= amount.start && amount.start - pl.end <= gap).reverse();
      // a place in the amount's own half of the clause (no ；。 between) binds before one across the break
      const sameHalf = all.filter((pl) => !/[；;。]/.test(a.text.slice(pl.end, amount.start)));
      const before = sameHalf.length > 0 ? sameHalf : all;
      // 在本县注册的企业 binds (a record made there); 在长沙县投资的项目 does not (where it happens)
      const qual = before.find((pl) => QUALIFIES.test(a.text.slice(pl.end, amount.start)) && (!isSetting(pl) || RECORD_AFTER.test(a.text.slice(pl.end, amount.start))));
      // when every place is a setting, the settings are what is compared: 在本区码头卸货的每航次补助200元；在区外码头卸货的50元
      const place = qual ?? before.find((pl) => !isSetting(pl)) ?? (allSettings ? before[0] : undefined);
      if (place) bound.push({ place, amount, value: valueKey(a.text.slice(amount.start, amount.end)) });
    }
    const local = bound.filter((b) => isRegional(b.place));
    const outside = bound.filter((b) => b.place.locality === 'outside');
    if (local.length === 0 || outside.length === 0) return [];
    if (!local.some((l) => outside.some((o) => o.value !== l.value))) return [];
    const spans = [...local, ...outside].flatMap((b) => [b.place as Span, b.amount]).sort((x, y) => x.start - y.start);
    // in clause scope, the hit belongs to the sentence where the compared spans start, quoted within that sentence
    const mine = spans.map((x) => ({ start: x.start - shift, end: x.end - shift })).filter((x) => x.start >= 0 && x.end <= own.text.length);
    if (mine.length === 0 || (shift > 0 && spans.some((x) => x.start < shift))) return [];
    const first = mine[0] as Span;
    const last = mine[mine.length - 1] as Span;
    const hit: Hit = { start: first.start, end: last.end, slots: mine };
    if (p.quote !== 'slots') hit.quote = phraseAround(own.text, first.start, last.end);
    return [hit];
  }, gates);
}

const SHUT_OUT = /不再引进(?:其他|其它)?|不再(?:授予|许可|批准)(?:其他|其它)|不得与第三方|只允许一家|仅允许一家|(?:其他|其它)(?:企业|经营者|单位|机构|主体)不得|不得(?:再)?(?:引进|引入|准入)(?:其他|其它)|不得自行(?:或者?|、)?(?:委托|交由|交给|选择)(?:其他|其它|第三方)/g;

/** An exclusivity word bound to an organisation (由某公司统一经营, 委托X作为唯一运营机构), or other operators shut out. */
export function compileExclusive(p: { exclusive: 'org' | 'shut-out' | 'either'; gap?: number | undefined; quote?: QuoteSpec | undefined }, env: CompileEnv): Matcher {
  const gap = p.gap ?? 15;
  const shutOut = finderOf(env, SHUT_OUT);
  if (!env.vocabulary.classes.has('exclusive')) throw new Error('exclusive 需要 rules/vocabulary.yaml 中的词类 exclusive');
  // gates: the shut-out words, or a word of the exclusive class (no places looked up)
  const words: Gate = env.scanner ? env.scanner.phraseGate(env.vocabulary.classes.get('exclusive') ?? []) : true;
  const need = or(p.exclusive !== 'org' ? gateOfFind(env, shutOut) : false, p.exclusive !== 'shut-out' ? words : false);
  return gated((s: SentenceContext) => {
    const a = s.annotations;
    if (!a) return [];
    const hits: Hit[] = [];
    if (p.exclusive !== 'org') for (const h of shutOut(a.text)) hits.push({ ...h, slots: [h] });
    if (p.exclusive !== 'shut-out') {
      const words = a.terms('exclusive');
      if (words.length > 0) {
        for (const org of a.orgs()) {
          const w = words.find((x) => (x.start >= org.end && x.start - org.end <= gap) || (x.end <= org.start && org.start - x.end <= gap));
          if (!w) continue;
          const slots = [org, w].sort((x, y) => x.start - y.start) as Span[];
          hits.push({ start: (slots[0] as Span).start, end: (slots[1] as Span).end, slots });
        }
      }
    }
    if (p.quote !== 'slots') for (const h of hits) h.quote = phraseAround(a.text, h.start, h.end);
    return hits;
  }, { need, touch: false });
}
