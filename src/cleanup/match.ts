/**
 * Which inventory item a text file belongs to, by its name: the 文号 in the name (brackets
 * written as 〔〕, [], (), 【】 all count as the same) or the title. A name that fits several
 * items, or none, is left unmatched with the reason.
 */

export interface MatchableItem {
  id: number;
  title: string;
  docNumber: string;
}

export type MatchResult = { itemId: number; by: 'docNumber' | 'title' } | { itemId: null; reason: string };

/** A file name without folders and extension. */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  return last.replace(/\.[A-Za-z0-9]{1,5}$/, '');
}

/** For comparing: full-width folded, no spaces or punctuation that file names cannot keep, brackets unified. */
export function matchKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[〔［\[【（(｛{]/g, '〔')
    .replace(/[〕］\]】）)｝}]/g, '〕')
    .replace(/[\s"“”'‘’《》<>:：?？*|/\\_\-—·.,，、]/g, '')
    .toLowerCase();
}

export function matchFile(fileName: string, items: readonly MatchableItem[]): MatchResult {
  const key = matchKey(baseName(fileName));
  if (!key) return { itemId: null, reason: '文件名为空' };
  const byNumber = items.filter((i) => i.docNumber && key.includes(matchKey(i.docNumber)));
  if (byNumber.length === 1) return { itemId: (byNumber[0] as MatchableItem).id, by: 'docNumber' };
  if (byNumber.length > 1) {
    // 〔2023〕1号 is inside 〔2023〕11号: the longest 文号 found wins when it is the only one that long
    const longest = Math.max(...byNumber.map((i) => matchKey(i.docNumber).length));
    const best = byNumber.filter((i) => matchKey(i.docNumber).length === longest);
    if (best.length === 1) return { itemId: (best[0] as MatchableItem).id, by: 'docNumber' };
    return { itemId: null, reason: `文件名同时符合多个文号：${best.map((i) => i.docNumber).join('、')}` };
  }
  const byTitle = items.filter((i) => {
    const t = matchKey(i.title);
    return t.length > 0 && (key.includes(t) || (key.length >= 8 && t.includes(key)));
  });
  if (byTitle.length === 1) return { itemId: (byTitle[0] as MatchableItem).id, by: 'title' };
  if (byTitle.length > 1) {
    const exact = byTitle.filter((i) => matchKey(i.title) === key);
    if (exact.length === 1) return { itemId: (exact[0] as MatchableItem).id, by: 'title' };
    return { itemId: null, reason: `文件名同时符合多份文件的标题（${byTitle.slice(0, 3).map((i) => i.title).join('；')}），请在文件名中写上文号` };
  }
  return { itemId: null, reason: '文件名中找不到清单里的文号或标题' };
}
