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

/** All of the gates (nested alls flattened, a finder named twice kept once). */
export function and(...gates: Gate[]): Gate {
  const out: Gate[] = [];
  for (const g of gates) {
    if (g === false) return false;
    if (g === true) continue;
    for (const x of typeof g === 'object' && 'and' in g ? g.and : [g]) if (typeof x !== 'number' || !out.includes(x)) out.push(x);
  }
  if (out.length === 0) return true;
  return out.length === 1 ? (out[0] as Gate) : { and: out };
}

/** Any of the gates (nested anys flattened, a finder named twice kept once). */
export function or(...gates: Gate[]): Gate {
  const out: Gate[] = [];
  for (const g of gates) {
    if (g === true) return true;
    if (g === false) continue;
    for (const x of typeof g === 'object' && 'or' in g ? g.or : [g]) if (typeof x !== 'number' || !out.includes(x)) out.push(x);
  }
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
