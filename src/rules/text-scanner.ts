/**
 * The rule set's regexes run through one scanner (TextScanner): each regex's required literals
 * (requiredLiterals) go into one phrase dictionary, a text is scanned once for all of them, and a
 * regex none of whose literals is in a text is not run on it.
 */
import { LiteralTrie, type LiteralTrieArrays } from './literal-trie.js';
import { literalAlternation } from './literal-alternation.js';
import { allHits, type TextSpan } from './pattern-text.js';
import type { Gate } from './gates.js';
import { requiredLiteralSets, requiredLiterals } from './required-literals.js';
import { keyHash, type FrozenScanner, type LiteralCache, type ThawScanner, type TrieMaterial, type TrieStore } from './scanner-keeping.js';

/** Every match of a regular expression in a text (what allHits returns, the same array for the same text). */
export type Find = (text: string) => readonly TextSpan[];

const NO_SPANS: readonly TextSpan[] = Object.freeze([]);

interface TextEntry {
  /** Which finders may match this text, one bit per finder id; computed on first need. */
  possible?: Uint32Array;
  /** Results already computed, by finder id. */
  results?: Map<number, readonly TextSpan[]>;
}

const validLiterals = (v: unknown): v is string[] | null => v === null || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.length > 0));

/** A sentence of the kind the rules read (the text does not matter — every text of some length makes V8 compile). */
const WARM_UP_TEXT = '第一条 为促进本区企业发展，对在本区注册的企业给予奖励，具体办法由区商务局另行制定。';

/**
 * The finders of one rule set: every regular expression the rules run (patterns, slots,
 * blockers), each with its required literals in one dictionary. A text is scanned once for all
 * of them; a finder whose literals are absent returns no match without running, and a finder
 * run once on a text keeps its result for the next rule asking (the same clause, lead or
 * document text is read by many rules). Results are shared: callers must not change them.
 */
export class TextScanner {
  /** Each required literal asked for and the id asking, in order (a literal once per id); the dictionary of the scan is made of them on first need. */
  private readonly pairLiterals: string[] = [];
  private readonly pairIds: number[] = [];
  /** The dictionary of the scan: every literal with its ids' bits (literal-trie.ts), made on first need. */
  private literals: LiteralTrie | undefined;
  /** Per finder: 1 when it has required literals (it runs only where one is present). */
  private readonly filtered: number[] = [];
  private readonly cache = new Map<string, TextEntry>();
  private lastText: string | undefined;
  private lastEntry: TextEntry | undefined;
  /** Texts kept (a document's sentences, clauses, leads and the document itself come and go). */
  private static readonly KEEP = 64;

  /** Ids by flags and source: the same expression in two rules runs once per text. */
  private readonly ids = new Map<string, number>();
  /** The expressions, by id (warmUp). */
  private readonly regexes: RegExp[] = [];
  /** The gate of each finder with required literals (its id, and the ids of its further sets). */
  private readonly gateIds = new WeakMap<Find, Gate>();
  /** Per finder id: the literal ids of its further requirement sets (requiredLiteralSets), each needed too. */
  private readonly more: (number[] | undefined)[] = [];

  /** A thawed scanner's ids by keyHash (TextScanner.thaw): finders take their ids there and add no literals. */
  private frozen: (() => Map<string, number>) | undefined;
  /** A thawed scanner's trie. */
  private frozenTrie: LiteralTrie | undefined;

  constructor(
    private readonly known?: LiteralCache,
    private readonly tries?: TrieStore,
  ) {}

  /**
   * The scanner's ids and what its trie is made of, to be kept (FrozenScanner; the trie by `made`: trie-cache.ts);
   * undefined when two keys share a keyHash (never seen: then nothing is kept, and the rules are compiled each time).
   */
  freeze(): { state: FrozenScanner; made: TrieMaterial } | undefined {
    const keys: [string, number][] = [];
    const seen = new Set<string>();
    for (const [key, id] of this.ids) {
      const h = keyHash(key);
      if (seen.has(h)) return undefined;
      seen.add(h);
      keys.push([h, id]);
    }
    const unfiltered: number[] = [];
    this.filtered.forEach((f, id) => {
      if (f === 0) unfiltered.push(id);
    });
    const more: [number, number[]][] = [];
    this.more.forEach((ids, id) => {
      if (ids) more.push([id, ids]);
    });
    return { state: { count: this.filtered.length, unfiltered, more, keys }, made: this.made() };
  }

  /**
   * A scanner of a frozen one (freeze) and its trie's arrays: the finders made of the same rule texts by the same code
   * get the ids they had (by keyHash), their literals already in the trie; a key it does not know (none, for those
   * texts and code) makes a finder run on every text, never gated. Undefined: the arrays are not a trie's.
   */
  static thaw(state: ThawScanner, trie: LiteralTrieArrays): TextScanner | undefined {
    const literals = LiteralTrie.fromArrays(trie);
    if (!literals) return undefined;
    const scanner = new TextScanner();
    let keys: Map<string, number> | undefined;
    // the ids and further sets are read when the first finder is made (a start that runs no rule reads neither)
    scanner.frozen = () => {
      if (keys) return keys;
      for (const [id, ids] of state.more()) scanner.more[id] = ids;
      return (keys = new Map(state.keys()));
    };
    scanner.frozenTrie = literals;
    for (let id = 0; id < state.count; id++) scanner.filtered.push(1);
    for (const id of state.unfiltered) scanner.filtered[id] = 0;
    return scanner;
  }

  finder(re: RegExp): Find {
    const key = `${re.flags}/${re.source}`;
    let id = this.ids.get(key);
    if (id === undefined && this.frozen) {
      id = this.frozen().get(keyHash(key));
      if (id === undefined) {
        id = this.filtered.length;
        this.filtered.push(0);
      }
      this.ids.set(key, id);
      this.regexes.push(re);
    }
    if (id === undefined) {
      id = this.filtered.length;
      this.ids.set(key, id);
      const cached = this.known?.get(key);
      const needles = validLiterals(cached) ? cached : requiredLiterals(re.source, re.flags);
      if (this.known && cached !== needles) this.known.set(key, needles);
      this.filtered.push(needles ? 1 : 0);
      this.regexes.push(re);
      for (const n of needles ?? []) this.addLiteral(n, id);
      this.clear();
      if (needles) {
        // the other parts' requirements (a sequence of several: each must be present), kept beside the first
        const setsKey = `sets\n${key}`;
        const cachedSets = this.known?.get(setsKey);
        const sets = validLiterals(cachedSets) ? (cachedSets ?? []).map((x) => x.split('\u0000')) : requiredLiteralSets(re.source, re.flags);
        if (this.known && !validLiterals(cachedSets)) this.known.set(setsKey, sets.length ? sets.map((x) => x.join('\u0000')) : null);
        const ids = sets.map((set) => this.phraseGate(set)).filter((g): g is number => typeof g === 'number');
        if (ids.length) this.more[id] = ids;
      }
    }
    const own = id;
    const more = this.more[own];
    const find: Find = (text) => {
      const entry = this.entry(text);
      if (this.filtered[own] === 1) {
        const bits = (entry.possible ??= this.scan(text));
        if (((bits[own >>> 5] as number) & (1 << (own & 31))) === 0) return NO_SPANS;
        if (more) for (const x of more) if (((bits[x >>> 5] as number) & (1 << (x & 31))) === 0) return NO_SPANS;
      }
      const known = entry.results?.get(own);
      if (known) return known;
      const result = this.run(own, re, text);
      (entry.results ??= new Map()).set(own, result);
      return result;
    };
    if (this.filtered[own] === 1) this.gateIds.set(find, more ? { and: [own, ...more] } : own);
    return find;
  }

  /**
   * Per finder id, how it is run (on its first run): a plain alternation of literals (a term list, a class) by a trie
   * of its own (literal-alternation.ts: allHits' spans, no regex run), any other regex by allHits.
   */
  private readonly runs: (((text: string) => readonly TextSpan[]) | undefined)[] = [];

  private run(id: number, re: RegExp, text: string): readonly TextSpan[] {
    let run = this.runs[id];
    if (!run) this.runs[id] = run = literalAlternation(re) ?? ((t) => allHits(re, t));
    return run(text);
  }

  /**
   * How likely a text holds a literal of one of these finder ids (gates.ts TriggerCost): each literal counts by its
   * length — a single character 10,000, two 100, three 10, four or more 1 — so that of an all's parts the one
   * with the fewest short literals is chosen (most sentences hold some common character or two-character word:
   * on the 60k .docx this asks 27,000 rule gates instead of 60,000). Changes no answer.
   */
  literalCost(ids: readonly number[]): number {
    let c = 0;
    for (const id of ids) c += this.costs[id] ?? 0;
    return c;
  }

  /** literalCost's count of each finder id, kept up as literals are added. */
  private readonly costs: number[] = [];

  /** A necessary condition of a finder's matches (gates.ts): its id when it has required literals, else true. */
  gate(find: Find): Gate {
    return this.gateIds.get(find) ?? true;
  }

  /**
   * A gate open where one of these phrases occurs (a term class's words, which the annotations find by
   * the same phrases): no regex, only literals in the one scan. No phrase: never open.
   */
  phraseGate(phrases: Iterable<string>): Gate {
    // a term class's set is asked for by every slot of that class: its gate is made once (a set is not changed after building)
    const same = phrases instanceof Set ? this.setGates.get(phrases) : undefined;
    if (same !== undefined) return same;
    const gate = this.phraseGateOf(phrases);
    if (phrases instanceof Set) this.setGates.set(phrases, gate);
    return gate;
  }

  private readonly setGates = new WeakMap<Set<string>, Gate>();

  private phraseGateOf(phrases: Iterable<string>): Gate {
    const list = [...new Set(phrases)].filter((x) => x.length > 0).sort();
    if (list.length === 0) return false;
    const key = `phrases\n${list.join('\n')}`;
    let id = this.ids.get(key);
    if (id === undefined && this.frozen) {
      // a thawed scanner adds no literal: phrases it does not know (none, for the same texts and code) gate nothing
      id = this.frozen().get(keyHash(key));
      if (id === undefined) return true;
      this.ids.set(key, id);
    }
    if (id === undefined) {
      id = this.filtered.length;
      this.ids.set(key, id);
      this.filtered.push(1);
      for (const n of list) this.addLiteral(n, id);
      this.clear();
    }
    return id;
  }

  /** Which ids may match a text, one bit each (gates.ts isOpen reads it); shared: never changed by a caller. */
  possible(text: string): Uint32Array {
    const entry = this.entry(text);
    return (entry.possible ??= this.scan(text));
  }

  /**
   * Runs every expression once on a short text, so that V8 compiles them now (it compiles a regular
   * expression on its first run over a text: 1,500 of them cost 0.1–0.2 s under load) — the command line
   * does it while a Word file is still being read. Changes no answer: every run starts from lastIndex 0.
   */
  warmUp(sample = WARM_UP_TEXT): void {
    this.prepare();
    for (const re of this.regexes) {
      re.lastIndex = 0;
      re.exec(sample);
      re.lastIndex = 0;
    }
  }

  /** Builds the dictionary of the one scan now (else on the first scan); changes no answer. */
  prepare(): void {
    this.literals ??= this.dictionary();
  }

  /** Forgets the texts seen (the cache holds at most KEEP of them anyway). */
  clear(): void {
    this.cache.clear();
    this.lastText = undefined;
    this.lastEntry = undefined;
  }

  private entry(text: string): TextEntry {
    if (text === this.lastText && this.lastEntry) return this.lastEntry;
    let entry = this.cache.get(text);
    if (entry) {
      // most recently used last
      this.cache.delete(text);
      this.cache.set(text, entry);
    } else {
      entry = {};
      this.cache.set(text, entry);
      if (this.cache.size > TextScanner.KEEP) this.cache.delete(this.cache.keys().next().value as string);
    }
    this.lastText = text;
    this.lastEntry = entry;
    return entry;
  }

  private addLiteral(literal: string, id: number): void {
    if (!literal) return;
    this.pairLiterals.push(literal);
    this.pairIds.push(id);
    this.literals = undefined;
    const n = literal.length;
    this.costs[id] = (this.costs[id] ?? 0) + (n <= 1 ? 10_000 : n === 2 ? 100 : n === 3 ? 10 : 1);
  }

  private dictionary(): LiteralTrie {
    if (this.frozenTrie) return this.frozenTrie;
    const made = this.tries ? this.made() : undefined;
    const known = made !== undefined ? this.tries?.get(made) : undefined;
    const trie = known ? LiteralTrie.fromArrays(known) : undefined;
    if (trie) return trie;
    // each literal with the ids needing it, the literals in the order first asked for
    const literalIds = new Map<string, number[]>();
    let units = 0;
    const { pairLiterals, pairIds } = this;
    for (let k = 0; k < pairLiterals.length; k++) {
      const literal = pairLiterals[k] as string;
      const id = pairIds[k] as number;
      const ids = literalIds.get(literal);
      if (!ids) {
        literalIds.set(literal, [id]);
        units += literal.length;
      }
      // ids are given in increasing order (each call is for the newest finder): a repeat can only be the last
      else if (ids[ids.length - 1] !== id) ids.push(id);
    }
    const built = new LiteralTrie(literalIds, units);
    if (made !== undefined) this.tries?.set(made, built.arrays());
    return built;
  }

  /** What the trie is made of (TrieMaterial): the literals in order, joined; the finder count, then each one's length and id. */
  private made(): TrieMaterial {
    const { pairLiterals, pairIds } = this;
    const counts = new Uint32Array(1 + 2 * pairLiterals.length);
    counts[0] = this.filtered.length;
    for (let k = 0; k < pairLiterals.length; k++) {
      counts[1 + 2 * k] = (pairLiterals[k] as string).length;
      counts[2 + 2 * k] = pairIds[k] as number;
    }
    return { units: pairLiterals.join(''), counts };
  }

  private scan(text: string): Uint32Array {
    const possible = new Uint32Array((this.filtered.length + 31) >>> 5);
    (this.literals ??= this.dictionary()).scan(text, possible);
    return possible;
  }
}
