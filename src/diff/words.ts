/**
 * Word-level differences inside a changed clause: sentences (split at 。；！？ and line ends)
 * compared first with diffArrays, then each replaced run of sentences on jieba tokens, always
 * with a timeout — a run that times out is shown as whole sentences removed and added.
 */
import { diffArrays } from 'diff';
import type { Segmenter } from '../segment/segmenter.js';

export interface Piece {
  op: 'same' | 'added' | 'removed';
  text: string;
}

export function splitSentences(text: string): string[] {
  return text.match(/[^。；！？\n]+[。；！？]*[”’）)]*\n?|\n/g) ?? [];
}

function pushPiece(out: Piece[], op: Piece['op'], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.op === op) last.text += text;
  else out.push({ op, text });
}

export interface WordDiff {
  pieces: Piece[];
  timedOut: boolean;
}

export function wordDiff(oldText: string, newText: string, segmenter: Segmenter, timeoutMs = 200): WordDiff {
  const out: Piece[] = [];
  let timedOut = false;
  const sentences = diffArrays(splitSentences(oldText), splitSentences(newText), { timeout: timeoutMs });
  if (!sentences) return { pieces: [{ op: 'removed', text: oldText }, { op: 'added', text: newText }], timedOut: true };
  for (let k = 0; k < sentences.length; k++) {
    const c = sentences[k];
    if (!c) continue;
    const next = sentences[k + 1];
    if (c.removed && next?.added) {
      const a = c.value.join('');
      const b = next.value.join('');
      const tokens = diffArrays(segmenter.cut(a), segmenter.cut(b), { timeout: timeoutMs });
      if (!tokens) {
        timedOut = true;
        pushPiece(out, 'removed', a);
        pushPiece(out, 'added', b);
      } else for (const t of tokens) pushPiece(out, t.added ? 'added' : t.removed ? 'removed' : 'same', t.value.join(''));
      k++;
      continue;
    }
    pushPiece(out, c.added ? 'added' : c.removed ? 'removed' : 'same', c.value.join(''));
  }
  return { pieces: out, timedOut };
}
