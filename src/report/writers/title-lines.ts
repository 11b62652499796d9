/**
 * Where a long 公文 title breaks. GB/T 9704-2012 7.3.3: a title that runs over one line is broken
 * "词意完整，排列对称，长短适宜" in a trapezoid or diamond; one 2号 line of the 156 mm 版心 holds 20
 * characters. The title takes as few lines as it can, the lines as even as they can be, and no
 * break falls inside 《》, 〔〕 or （） unless the bracketed name is itself too long; the cost of a
 * break prefers where a drafter would break: after 关于, 》 or 、, before 的 or 《, and before the
 * verb or the document word of a name (促进…, 实施意见) rather than inside a word.
 */

const OPEN = '《〔（(“';
const CLOSE = '》〕）)”';

/** How deep inside brackets each position (a break before text[i]) would fall. */
function depths(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    out.push(depth);
    const ch = text[i] as string;
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch) && depth > 0) depth--;
  }
  return out;
}

/** Extra cost of breaking before text[i]: 0 at a natural seam, more inside a phrase, much more inside brackets. */
function breakCost(text: string, i: number, depth: number): number {
  const before = text.slice(0, i);
  const after = text.slice(i);
  let seam = 30;
  if (/(关于|》|、|，)$/.test(before)) seam = 0;
  else if (/^(的|和|与|及|等|《|（)/.test(after)) seam = 1;
  else if (/^(关于|促进|加快|推进|进一步|支持|鼓励|加强|深化|推动|优化|做好|开展|实施|建立|完善|若干|暂行|管理|办法|意见|规定|措施|政策|方案|细则)/.test(after)) seam = 2;
  return depth > 0 ? 30 + seam : seam;
}

/** The title's lines; one line when it fits. */
export function titleLines(text: string, perLine = 20): string[] {
  const t = text.trim();
  if (t.length <= perLine) return [t];
  const n = Math.ceil(t.length / perLine);
  const target = t.length / n;
  const depth = depths(t);
  // best[k][i]: the least cost of breaking t[0, i) into k lines; from[k][i] the start of the k-th line.
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(t.length + 1).fill(Infinity));
  const from: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(t.length + 1).fill(-1));
  (best[0] as number[])[0] = 0;
  for (let k = 1; k <= n; k++) {
    for (let i = 1; i <= t.length; i++) {
      for (let j = Math.max(0, i - perLine); j < i; j++) {
        const prev = (best[k - 1] as number[])[j] as number;
        if (prev === Infinity) continue;
        const len = i - j;
        const seam = i === t.length ? 0 : breakCost(t, i, depth[i] as number);
        const cost = prev + (len - target) ** 2 + seam;
        if (cost < ((best[k] as number[])[i] as number)) {
          (best[k] as number[])[i] = cost;
          (from[k] as number[])[i] = j;
        }
      }
    }
  }
  const lines: string[] = [];
  let end = t.length;
  for (let k = n; k > 0; k--) {
    const start = (from[k] as number[])[end] as number;
    lines.unshift(t.slice(start, end));
    end = start;
  }
  return lines;
}
