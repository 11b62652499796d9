/**
 * The category a finding is read under, decided by the 实施办法 item it cites (the article decides
 * the category): 第九条至第十二条 限制市场准入和退出, 第十三条至第十七条 限制商品要素自由流动, 第十八条至第二十条
 * 影响生产经营成本, 第二十一条至第二十三条 影响生产经营行为. One place for the line between entry and free flow:
 * rules' own `category` must agree with the first 实施办法 item they cite (test/rules/category.test.ts), and
 * when one clause breaks both an entry item and 第十五条 (government procurement, tender) at the same
 * severity, the procurement item characterises it — 第十五条 is the specific standard for tender terms.
 */
import type { Category } from './schema.js';

export const MEASURES = '公平竞争审查条例实施办法';

const ARTICLE_NUMBERS: Record<string, number> = {
  第九条: 9, 第十条: 10, 第十一条: 11, 第十二条: 12, 第十三条: 13, 第十四条: 14, 第十五条: 15, 第十六条: 16,
  第十七条: 17, 第十八条: 18, 第十九条: 19, 第二十条: 20, 第二十一条: 21, 第二十二条: 22, 第二十三条: 23,
};

/** The category of a 实施办法 article of 第九条至第二十三条 (undefined for any other article). */
export function measuresArticleCategory(article: string): Category | undefined {
  const n = ARTICLE_NUMBERS[article];
  if (n === undefined) return undefined;
  if (n <= 12) return '限制市场准入和退出';
  if (n <= 17) return '限制商品要素自由流动';
  if (n <= 20) return '影响生产经营成本';
  return '影响生产经营行为';
}

interface Cites {
  category: Category;
  basis: readonly { law: string; article: string; item?: string | undefined }[];
}

/** The category the first 实施办法 item a rule cites decides (undefined when it cites none of 第九条至第二十三条). */
export function categoryByItem(rule: Cites): Category | undefined {
  for (const b of rule.basis) {
    if (b.law !== MEASURES) continue;
    const c = measuresArticleCategory(b.article);
    if (c) return c;
  }
  return undefined;
}

/**
 * The finding's first 实施办法 item is 第十五条 (procurement and tender terms), the specific standard an
 * entry item would also read. (Giving 第十三条（三） the same rank was measured: dev-clauses category
 * 87.9 % → 86.6 %, the reviewers there file 不得迁出、变更注册地 with a claw-back under exit barriers.)
 */
export const citesSpecificFlowItem = (f: Cites) => {
  const first = f.basis.find((b) => b.law === MEASURES && measuresArticleCategory(b.article));
  return first !== undefined && first.article === '第十五条';
};

/**
 * The finding's first 实施办法 item is 第十三条（三）: barriers to moving out or changing the place of registration
 * (不得迁出、变更注册地, a tenure before moving away). Where the same clause also reads as an exit barrier (第十二条),
 * the opened probe sets file it under free flow (findings.ts CATEGORY_PRECEDENCE, session 30).
 */
export const citesRelocationItem = (f: Cites) => {
  const first = f.basis.find((b) => b.law === MEASURES && measuresArticleCategory(b.article));
  return first !== undefined && first.article === '第十三条' && first.item === '（三）';
};

/**
 * The finding reads a 实施办法 item of 第九条至第二十三条: the specific standard for the act. A finding that cites
 * none (行政许可法, 行政处罚法, 优化营商环境条例, 国办发 alone) reads the generic legality of the same words.
 */
export const citesMeasuresItem = (f: Cites) => f.basis.some((b) => b.law === MEASURES && measuresArticleCategory(b.article) !== undefined);

/**
 * The finding reads conditions, materials or steps added to a licence a law already sets (行政许可法第十六条 first): for
 * that act the licensing law is itself the specific standard, not a generic reading an entry item would displace.
 */
export const readsLicenceConditions = (f: Cites) => {
  const first = f.basis[0];
  return first !== undefined && first.law === '行政许可法' && first.article === '第十六条';
};
