/**
 * The `exceeds` pattern: an amount asked of the operator (a deposit, registered capital, a past
 * contract's value, a production capacity) against the clause's own measure of the need (the
 * budget, the ceiling price, the quantity needed), both with a unit, in one sentence or clause:
 * 投标保证金20万元（本项目预算金额200万元）, 年产能不低于200万立方米（本项目需求量约3万立方米）.
 * Each amount binds to the nearest naming word before it (at most `gap` characters, no other
 * amount between); the pattern hits when a demanded amount is more than `factor` times a need of
 * the same dimension. Amounts come from src/annotate/amounts.ts.
 */
import { findAmounts, type AmountSpan } from '../annotate/amounts.js';
import { and, gated, gatesOf, onClause, or } from './gates.js';
import type { CompileEnv, Hit, Matcher, SentenceContext, Span } from './matchers.js';
import { compileSlot, phraseAround } from './slots.js';
import type { ExceedsPattern } from './schema.js';

interface Bound {
  word: Span;
  amount: AmountSpan;
  side: 'demand' | 'need';
}

export function compileExceeds(p: ExceedsPattern, env: CompileEnv): Matcher {
  const demand = compileSlot(p.exceeds.demand, env);
  const need = compileSlot(p.exceeds.need, env);
  const factor = p.exceeds.factor;
  const gap = p.gap ?? 16;
  // gates: both words in the text read (the sentence's, or the clause's); the two slots may look up places
  const both = and(gatesOf(demand).need, gatesOf(need).need);
  const touch = or(gatesOf(demand).touch, gatesOf(need).touch);
  const gates = p.scope === 'clause' ? { need: onClause(both), touch: onClause(touch) } : { need: both, touch };
  return gated((s: SentenceContext) => {
    const own = s.annotations;
    if (!own) return [];
    const a = p.scope === 'clause' && s.clauseAnnotations ? s.clauseAnnotations() : own;
    const shift = own.offset - a.offset;
    const amounts = findAmounts(a.text).filter((x) => x.dimension !== 'share');
    if (amounts.length < 2) return [];
    const words = [...demand(a).map((w) => ({ w, side: 'demand' as const })), ...need(a).map((w) => ({ w, side: 'need' as const }))];
    if (!words.some((x) => x.side === 'demand') || !words.some((x) => x.side === 'need')) return [];
    const bound: Bound[] = [];
    for (const amount of amounts) {
      let best: { w: Span; side: 'demand' | 'need' } | undefined;
      for (const x of words) {
        if (x.w.end > amount.start || amount.start - x.w.end > gap) continue;
        // another amount between the word and this one: the word names that one
        if (amounts.some((o) => o !== amount && o.start >= x.w.end && o.end <= amount.start)) continue;
        if (!best || x.w.end > best.w.end || (x.w.end === best.w.end && x.w.start < best.w.start)) best = x;
      }
      if (best) bound.push({ word: best.w, amount, side: best.side });
    }
    const hits: Hit[] = [];
    for (const d of bound.filter((b) => b.side === 'demand')) {
      const n = bound.find((b) => b.side === 'need' && b.amount.dimension === d.amount.dimension && d.amount.value > factor * b.amount.value);
      if (!n) continue;
      const spans = [d.word, d.amount, n.word, n.amount].map((x) => ({ start: x.start - shift, end: x.end - shift }));
      // in clause scope the hit belongs to the sentence the demand is in, quoted within it
      const mine = spans.filter((x) => x.start >= 0 && x.end <= own.text.length);
      const first = spans[0] as Span;
      if (first.start < 0 || first.end > own.text.length) continue;
      const sorted = mine.sort((x, y) => x.start - y.start);
      const hit: Hit = { start: (sorted[0] as Span).start, end: (sorted[sorted.length - 1] as Span).end, slots: sorted };
      if (p.quote !== 'slots') hit.quote = phraseAround(own.text, hit.start, hit.end);
      hits.push(hit);
    }
    return hits;
  }, gates);
}
