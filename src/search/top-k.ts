/**
 * Picking a page of results without sorting every match: at 100,000 decisions a frequent word
 * matches tens of thousands, and a page needs only the first few dozen (posting-index.ts).
 */

/** The k best of the first `n` slots by `better` (a binary heap whose root is the worst kept). */
export function topK(slots: Int32Array, n: number, k: number, better: (a: number, b: number) => boolean): number[] {
  if (k <= 0) return [];
  if (k * 4 >= n) {
    const all = Array.from(slots.subarray(0, n));
    return all.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).slice(0, k);
  }
  const heap: number[] = [];
  const worse = (i: number, j: number) => better(heap[j] as number, heap[i] as number);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && worse(l, w)) w = l;
      if (r < heap.length && worse(r, w)) w = r;
      if (w === i) return;
      [heap[i], heap[w]] = [heap[w] as number, heap[i] as number];
      i = w;
    }
  };
  for (let i = 0; i < n; i++) {
    const s = slots[i] as number;
    if (heap.length < k) {
      heap.push(s);
      for (let c = heap.length - 1; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!worse(c, p)) break;
        [heap[c], heap[p]] = [heap[p] as number, heap[c] as number];
        c = p;
      }
    } else if (better(s, heap[0] as number)) {
      heap[0] = s;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}
