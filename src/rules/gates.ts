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

/** The instructions of a compiled gate (one Int32Array: an op, then its operands; parts by their offsets). */
const enum Op {
  /** word, mask: that bit is set. */
  Bit,
  /** n, then n (word, mask) pairs: one of those bits is set. */
  AnyBit,
  /** n, then n offsets: every part open. */
  All,
  /** n, then n offsets: some part open. */
  Any,
  /** offset: the part open on the clause's bits. */
  Clause,
  True,
  False,
}

/** Appends the instructions of `g` to `out`; returns where they start. */
function emit(g: Gate, out: number[]): number {
  const at = out.length;
  if (typeof g === 'boolean') {
    out.push(g ? Op.True : Op.False);
    return at;
  }
  if (typeof g === 'number') {
    out.push(Op.Bit, g >>> 5, 1 << (g & 31));
    return at;
  }
  if ('clause' in g) {
    out.push(Op.Clause, 0);
    out[at + 1] = emit(g.clause, out);
    return at;
  }
  // finders first: a bit costs less than a part
  const parts = ('and' in g ? g.and : g.or).slice().sort((x, y) => Number(typeof x !== 'number') - Number(typeof y !== 'number'));
  // any of several finders: one look at each word of the bits
  if ('or' in g && parts.every((x) => typeof x === 'number')) {
    const words = new Map<number, number>();
    for (const id of parts as number[]) words.set(id >>> 5, (words.get(id >>> 5) ?? 0) | (1 << (id & 31)));
    out.push(Op.AnyBit, words.size);
    for (const [w, m] of words) out.push(w, m);
    return at;
  }
  out.push('and' in g ? Op.All : Op.Any, parts.length);
  const slots = out.length;
  for (let i = 0; i < parts.length; i++) out.push(0);
  parts.forEach((x, i) => {
    out[slots + i] = emit(x, out);
  });
  return at;
}

/** Runs the instructions at `at` (emit) on `bits`; `clause()` gives the clause's bits. */
function run(code: Int32Array, at: number, bits: Uint32Array, clause: () => Uint32Array): boolean {
  switch (code[at]) {
    case Op.Bit:
      return ((bits[code[at + 1] as number] as number) & (code[at + 2] as number)) !== 0;
    case Op.AnyBit: {
      const end = at + 2 + 2 * (code[at + 1] as number);
      for (let k = at + 2; k < end; k += 2) if (((bits[code[k] as number] as number) & (code[k + 1] as number)) !== 0) return true;
      return false;
    }
    case Op.All: {
      const end = at + 2 + (code[at + 1] as number);
      for (let k = at + 2; k < end; k++) if (!run(code, code[k] as number, bits, clause)) return false;
      return true;
    }
    case Op.Any: {
      const end = at + 2 + (code[at + 1] as number);
      for (let k = at + 2; k < end; k++) if (run(code, code[k] as number, bits, clause)) return true;
      return false;
    }
    case Op.Clause:
      return run(code, code[at + 1] as number, clause(), clause);
    case Op.True:
      return true;
    default:
      return false;
  }
}

/**
 * The gate as a test: its parts in one array of instructions read by one function (not a closure per part:
 * the gates of 160 rules are asked a few hundred thousand times on a long draft, and calls through closures
 * of many shapes cost more than the bits they read).
 */
export function compileGate(g: Gate): GateTest {
  return gateOfCode(gateCode(g));
}

/**
 * A gate's instructions (what compileGate runs), as plain numbers to keep between processes (the Node loader's
 * compiled rule cache); true and false stay themselves. gateOfCode makes the same test of them.
 */
export function gateCode(g: Gate): number[] | boolean {
  if (typeof g === 'boolean') return g;
  const out: number[] = [];
  emit(g, out);
  return out;
}

/** The test of a gate's instructions (gateCode). */
export function gateOfCode(made: readonly number[] | boolean): GateTest {
  if (typeof made === 'boolean') return made ? ALWAYS : NEVER;
  const code = Int32Array.from(made);
  if (code[0] === Op.Bit) {
    const word = code[1] as number;
    const mask = code[2] as number;
    return (bits) => ((bits[word] as number) & mask) !== 0;
  }
  return (bits, clause) => run(code, 0, bits, clause);
}

/** Does the gate read the clause's text anywhere? */
export function readsClause(g: Gate): boolean {
  if (typeof g !== 'object') return false;
  if ('clause' in g) return true;
  return ('and' in g ? g.and : g.or).some(readsClause);
}

/**
 * How likely a sentence holds one of these finder ids (any scale: only compared): triggers and wideTriggers take,
 * of the parts of an all, the one least likely. Default: the count of ids.
 */
export type TriggerCost = (ids: readonly number[]) => number;

const fewest: TriggerCost = (ids) => ids.length;

/** The known trigger list of least cost (the first of equal cost); undefined: none known. */
function cheapest(lists: (number[] | undefined)[], cost: TriggerCost): number[] | undefined {
  let best: number[] | undefined;
  let bestCost = Infinity;
  for (const t of lists) {
    if (!t) continue;
    const c = cost(t);
    if (!best || c < bestCost) {
      best = t;
      bestCost = c;
    }
  }
  return best;
}

/**
 * Finder ids one of which is in a sentence's own bits wherever the gate is open (undefined: none known —
 * a gate of the clause's text, or one always open). The engine looks a sentence's bits up in an index of
 * these instead of asking every rule.
 */
export function triggers(g: Gate, cost: TriggerCost = fewest): number[] | undefined {
  if (g === false) return [];
  if (g === true) return undefined;
  if (typeof g === 'number') return [g];
  if ('clause' in g) return undefined;
  if ('or' in g) {
    const out = new Set<number>();
    for (const x of g.or) {
      const t = triggers(x, cost);
      if (!t) return undefined;
      for (const id of t) out.add(id);
    }
    return [...out];
  }
  // all of: the part least likely in a sentence (any part is needed: which one only changes how often the rule is asked)
  return cheapest(g.and.map((x) => triggers(x, cost)), cost);
}

/**
 * Finder ids one of which is in the sentence's own bits or in its clause's wherever the gate is open (a gate of
 * the clause's text read like the rest; undefined: none known, a gate always open). For the rules triggers()
 * knows nothing of because a part of their gate reads the clause: the engine asks them only where one of these
 * is in either text.
 */
export function wideTriggers(g: Gate, cost: TriggerCost = fewest): number[] | undefined {
  if (g === false) return [];
  if (g === true) return undefined;
  if (typeof g === 'number') return [g];
  if ('clause' in g) return wideTriggers(g.clause, cost);
  if ('or' in g) {
    const out = new Set<number>();
    for (const x of g.or) {
      const t = wideTriggers(x, cost);
      if (!t) return undefined;
      for (const id of t) out.add(id);
    }
    return [...out];
  }
  return cheapest(g.and.map((x) => wideTriggers(x, cost)), cost);
}
