/**
 * Quoted phrases in the posting-list decision index (posting-index.ts). A phrase is checked
 * with `includes` on the texts of the candidates, and a common word of the phrase (机构 in
 * 分支机构) makes tens of thousands of candidates. Each field of each slot has a 256-bit
 * signature of its character pairs, so a text lacking a pair of the phrase is passed over
 * without reading it (no false negatives; `includes` decides the rest).
 */

/** 32-bit words per signature (256 bits). */
export const SIG_WORDS = 8;

/** The signature bit of the character pair at i, i+1. */
function pairBit(text: string, i: number): number {
  return (Math.imul(text.charCodeAt(i) * 65_599 + text.charCodeAt(i + 1), 0x9e3779b1) >>> 24) & 0xff;
}

/** Writes the signature of `text` into `sig` at word `at`. */
export function signInto(sig: Uint32Array, at: number, text: string): void {
  sig.fill(0, at, at + SIG_WORDS);
  for (let i = 0; i + 1 < text.length; i++) {
    const bit = pairBit(text, i);
    sig[at + (bit >>> 5)] = (sig[at + (bit >>> 5)] as number) | (1 << (bit & 31));
  }
}

/** The signature of the phrases (all must be in one field); null when a phrase is one character. */
function phraseSignature(phrases: readonly string[]): Uint32Array | null {
  if (phrases.some((p) => p.length < 2)) return null;
  const sig = new Uint32Array(SIG_WORDS);
  const tmp = new Uint32Array(SIG_WORDS);
  for (const p of phrases) {
    signInto(tmp, 0, p);
    for (let w = 0; w < SIG_WORDS; w++) sig[w] = (sig[w] as number) | (tmp[w] as number);
  }
  return sig;
}

/**
 * Keeps, in place and in order, the first `n` slots of `matched` that have every phrase in one
 * text field (all phrases in the same one); returns how many are kept. `texts[field][slot]` are
 * the texts and `sig` their signatures, SIG_WORDS words per field per slot.
 */
export function keepPhraseMatches(matched: Int32Array, n: number, phrases: readonly string[], texts: readonly string[][], sig: Uint32Array): number {
  const want = phraseSignature(phrases);
  const fields = texts.length;
  let w = 0;
  for (let i = 0; i < n; i++) {
    const s = matched[i] as number;
    for (let fi = 0; fi < fields; fi++) {
      if (want) {
        const at = (s * fields + fi) * SIG_WORDS;
        let lacks = false;
        for (let k = 0; k < SIG_WORDS && !lacks; k++) lacks = ((want[k] as number) & ~(sig[at + k] as number)) !== 0;
        if (lacks) continue;
      }
      const text = (texts[fi] as string[])[s] as string;
      if (phrases.every((p) => text.includes(p))) {
        matched[w++] = s;
        break;
      }
    }
  }
  return w;
}
