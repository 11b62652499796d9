/**
 * Gates: a necessary condition of a matcher's hits on a sentence, over which of the rule set's
 * literals the sentence holds (TextScanner's one scan per text). A rule whose gate is closed on a
 * sentence cannot hit there, so it is not run: most of the 160 rules are shut out of most
 * sentences by one look at a bitset instead of a walk through their patterns (1,100 finder calls
 * a sentence before). A gate only ever says "cannot": anything the analysis does not know is
 * `true` (run), so a gate holds for any rule set.
 *
 * Each matcher has two gates: `need`, without which it has no hit, and `touch`, without which it
 * does not look up the sentence's places (SentenceAnnotations.places() records whether a place
 * was presumed local, which the document's warnings read) — a rule runs where either is open, so
 * skipping it changes neither the findings nor the warnings.
 */

/**
 * A finder id (one of its literals is in the text), all of, any of, a gate read on the clause's text
 * instead of the sentence's (slot patterns of clause scope); true: may hit; false: never.
 */
export type Gate = boolean | number | { and: Gate[] } | { or: Gate[] } | { clause: Gate };

export interface Gates {
  need: Gate;
  touch: Gate;
}

/** What a matcher nobody described gets: always run. */
export const OPEN: Gates = Object.freeze({ need: true, touch: true });

/**
 * The parts of an all (`kind` and) or an any (or), nested ones of the same kind flattened, a part given twice
 * kept once (a finder by its id, a compound part by its structure), and the compound parts of the other kind
 * that hold one of the finders given directly dropped (absorption: x or (x and y) is x; x and (x or y) is x).
 * Answers as the parts given do, on any bits.
 */
function parts(kind: 'and' | 'or', gates: Gate[]): Gate[] {
  const out: Gate[] = [];
  const seen = new Set<string>();
  for (const g of gates)
    for (const x of typeof g === 'object' && kind in g ? (g as Record<typeof kind, Gate[]>)[kind] : [g]) {
      const key = typeof x === 'number' ? String(x) : JSON.stringify(x);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(x);
    }
  const other = kind === 'and' ? 'or' : 'and';
  const direct = new Set(out.filter((x): x is number => typeof x === 'number'));
  if (direct.size === 0) return out;
  return out.filter((x) => !(typeof x === 'object' && other in x && (x as Record<typeof other, Gate[]>)[other].some((y) => typeof y === 'number' && direct.has(y))));
}

/** All of the gates (nested alls flattened, a part named twice kept once: see parts). */
export function and(...gates: Gate[]): Gate {
  if (gates.includes(false)) return false;
  const out = parts('and', gates.filter((g) => g !== true));
  if (out.length === 0) return true;
  return out.length === 1 ? (out[0] as Gate) : { and: out };
}

/** Any of the gates (nested anys flattened, a part named twice kept once: see parts). */
export function or(...gates: Gate[]): Gate {
  if (gates.includes(true)) return true;
  const out = parts('or', gates.filter((g) => g !== false));
  if (out.length === 0) return false;
  return out.length === 1 ? (out[0] as Gate) : { or: out };
}

/** A gate of the clause's text (true and false stay themselves). */
export function onClause(g: Gate): Gate {
  return typeof g === 'boolean' || (typeof g === 'object' && 'clause' in g) ? g : { clause: g };
}

/** Is the gate open on a sentence whose literal bits are `bits` (TextScanner.possible), its clause's `clause()`? */
export function isOpen(g: Gate, bits: Uint32Array, clause: () => Uint32Array): boolean {
  if (typeof g === 'number') return ((bits[g >>> 5] as number) & (1 << (g & 31))) !== 0;
  if (typeof g === 'boolean') return g;
  if ('and' in g) {
    for (const x of g.and) if (!isOpen(x, bits, clause)) return false;
    return true;
  }
  if ('or' in g) {
    for (const x of g.or) if (isOpen(x, bits, clause)) return true;
    return false;
  }
  const c = clause();
  return isOpen(g.clause, c, () => c);
}

const registry = new WeakMap<object, Gates>();

/** Records the gates of a compiled matcher (or slot finder); returns it. */
export function gated<F extends object>(f: F, gates: Gates): F {
  registry.set(f, gates);
  return f;
}

/** The gates of a compiled matcher: OPEN unless compiled with gates. */
export function gatesOf(f: object): Gates {
  return registry.get(f) ?? OPEN;
}

/** A gate compiled to a test (what isOpen answers, without walking the gate's objects on every sentence). */
export type GateTest = (bits: Uint32Array, clause: () => Uint32Array) => boolean;

const ALWAYS: GateTest = () => true;
const NEVER: GateTest = () => false;

export function compileGate(g: Gate): GateTest {
  if (typeof g === 'boolean') return g ? ALWAYS : NEVER;
  if (typeof g === 'number') {
    const word = g >>> 5;
    const mask = 1 << (g & 31);
    return (bits) => ((bits[word] as number) & mask) !== 0;
  }
  if ('clause' in g) {
    const inner = compileGate(g.clause);
    return (_bits, clause) => inner(clause(), clause);
  }
  // finders first: a bit costs less than a part
  const parts = ('and' in g ? g.and : g.or).slice().sort((x, y) => Number(typeof x !== 'number') - Number(typeof y !== 'number'));
  const tests = parts.map(compileGate);
  if ('and' in g) {
    if (tests.length === 2) {
      const [a, b] = tests as [GateTest, GateTest];
      return (bits, clause) => a(bits, clause) && b(bits, clause);
    }
    return (bits, clause) => {
      for (const t of tests) if (!t(bits, clause)) return false;
      return true;
    };
  }
  // any of several finders: one look at each word of the bits
  if (parts.every((x) => typeof x === 'number')) {
    const words = new Map<number, number>();
    for (const id of parts as number[]) words.set(id >>> 5, (words.get(id >>> 5) ?? 0) | (1 << (id & 31)));
    const ws = Int32Array.from(words.keys());
    const ms = Int32Array.from(words.values());
    if (ws.length === 1) {
      const w = ws[0] as number;
      const m = ms[0] as number;
      return (bits) => ((bits[w] as number) & m) !== 0;
    }
    return (bits) => {
      for (let i = 0; i < ws.length; i++) if (((bits[ws[i] as number] as number) & (ms[i] as number)) !== 0) return true;
      return false;
    };
  }
  if (tests.length === 2) {
    const [a, b] = tests as [GateTest, GateTest];
    return (bits, clause) => a(bits, clause) || b(bits, clause);
  }
  return (bits, clause) => {
    for (const t of tests) if (t(bits, clause)) return true;
    return false;
  };
}

/** Does the gate read the clause's text anywhere? */
export function readsClause(g: Gate): boolean {
  if (typeof g !== 'object') return false;
  if ('clause' in g) return true;
  return ('and' in g ? g.and : g.or).some(readsClause);
}

/**
 * Finder ids one of which is in a sentence's own bits wherever the gate is open (undefined: none known —
 * a gate of the clause's text, or one always open). The engine looks a sentence's bits up in an index of
 * these instead of asking every rule.
 */
export function triggers(g: Gate): number[] | undefined {
  if (g === false) return [];
  if (g === true) return undefined;
  if (typeof g === 'number') return [g];
  if ('clause' in g) return undefined;
  if ('or' in g) {
    const out = new Set<number>();
    for (const x of g.or) {
      const t = triggers(x);
      if (!t) return undefined;
      for (const id of t) out.add(id);
    }
    return [...out];
  }
  // all of: the fewest of any part
  let best: number[] | undefined;
  for (const x of g.and) {
    const t = triggers(x);
    if (t && (!best || t.length < best.length)) best = t;
  }
  return best;
}

/**
 * Finder ids one of which is in the sentence's own bits or in its clause's wherever the gate is open (a gate of
 * the clause's text read like the rest; undefined: none known, a gate always open). For the rules triggers()
 * knows nothing of because a part of their gate reads the clause: the engine asks them only where one of these
 * is in either text.
 */
export function wideTriggers(g: Gate): number[] | undefined {
  if (g === false) return [];
  if (g === true) return undefined;
  if (typeof g === 'number') return [g];
  if ('clause' in g) return wideTriggers(g.clause);
  if ('or' in g) {
    const out = new Set<number>();
    for (const x of g.or) {
      const t = wideTriggers(x);
      if (!t) return undefined;
      for (const id of t) out.add(id);
    }
    return [...out];
  }
  let best: number[] | undefined;
  for (const x of g.and) {
    const t = wideTriggers(x);
    if (t && (!best || t.length < best.length)) best = t;
  }
  return best;
}
