/**
 * Chinese stop words for decision search: function words and the modal verbs of drafting
 * (应当, 可以, 进行 …) that occur in almost every clause and tell clauses apart by nothing.
 * Lone characters are dropped by the analyzer anyway, so only words of two or more characters
 * are listed. Words that carry the legal meaning stay searchable: 不得, 禁止, 指定, 本地, 本区, 限定.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `按照 依照 根据 依据 对于 关于 以及 或者 并且 而且 而是 其中 其他 以上 以下 之一 之间 之后 之前 以后 以前 通过 进行 开展 有关 相关 应当 应该 可以 能够
   需要 已经 一般 一定 一些 一个 一是 二是 三是 这些 那些 这个 那个 这样 如下 如果 若干 等等 以便 以免 为了 由于 因此 所以 但是 同时 此外 另外
   及其 并在 并按 各类 各项 各种 有的 没有 不是 就是 还是 还有 以此 从而 其它 我们 全市 全省 全区 全县`
    .split(/\s+/)
    .filter(Boolean),
);
