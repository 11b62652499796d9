/**
 * Copies the official legal texts fahu cites from ../shared/legal into corpus/legal and
 * builds corpus/laws.json: every article (or outline paragraph) with its items, read by
 * fahu's own parser. Rules are checked against this index at load: a rule citing an
 * article that is not here fails. Run: npx tsx scripts/build-corpus.ts
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestText } from '../src/ingest/ingest.js';
import type { CorpusArticle, CorpusLaw } from '../src/corpus/corpus.js';

const SHARED = join(import.meta.dirname, '..', '..', 'shared', 'legal');
const CORPUS = join(import.meta.dirname, '..', 'corpus');

/** file → the short name rules cite it by. */
const LAWS: Record<string, string> = {
  'fair-competition-review-regulation-2024.md': '公平竞争审查条例',
  'fair-competition-review-implementing-measures-2025.md': '公平竞争审查条例实施办法',
  'optimizing-business-environment-regulation-2019.md': '优化营商环境条例',
  'anti-monopoly-law-2022.md': '反垄断法',
  'admin-licensing-law-setting-ch2.md': '行政许可法',
  'admin-penalty-law-2021-setting-ch2.md': '行政处罚法',
  'admin-coercion-law-setting-ch2.md': '行政强制法',
  'guobanfa-2018-37-normative-docs-notice-PARTIAL.md': '国办发〔2018〕37号',
  'guobanfa-2018-115-legality-review-opinion.md': '国办发〔2018〕115号',
};

function metaField(text: string, name: string): string | undefined {
  const line = text.split('\n').find((l) => l.startsWith('元数据'));
  return line?.split('｜').find((f) => f.startsWith(`${name}：`))?.slice(name.length + 1);
}

mkdirSync(join(CORPUS, 'legal'), { recursive: true });
const laws: CorpusLaw[] = [];
for (const [file, name] of Object.entries(LAWS)) {
  copyFileSync(join(SHARED, file), join(CORPUS, 'legal', file));
  const source = readFileSync(join(SHARED, file), 'utf8');
  // the bracketed editor's notes of an excerpt ［…］ are not legal text
  const doc = ingestText(source.replace(/^［[^\n]*］$/gm, ''), { markdown: true });
  const articles: CorpusArticle[] = [];
  for (const c of doc.clauses) {
    const isArticle = c.kind === 'article';
    const isOutline = (c.kind === 'outline2' || c.kind === 'outline1') && doc.meta.numberingStyle !== 'article';
    if (!isArticle && !isOutline) continue;
    const items = doc.clauses
      .filter((i) => (i.kind === 'item' || (isOutline && i.kind === 'outline3')) && i.start >= c.start && i.end <= c.end)
      .map((i) => ({ item: i.label, text: i.text }));
    articles.push({ article: isArticle ? c.label : c.path, text: c.text, items });
  }
  const title = metaField(source, '标题') ?? doc.meta.title;
  laws.push({
    name,
    title: title.replace(/——.*$/, ''),
    docNumber: metaField(source, '文号') ?? '',
    issuer: metaField(source, '制定机关') ?? metaField(source, '发文机关') ?? '',
    completeness: metaField(source, '完整性') ?? '',
    file: `legal/${file}`,
    articles,
  });
  console.log(`${name}: ${articles.length} 条`);
}
writeFileSync(join(CORPUS, 'laws.json'), `${JSON.stringify({ generatedBy: 'scripts/build-corpus.ts', laws }, null, 1)}\n`);
copyFileSync(join(SHARED, 'repealed.tsv'), join(CORPUS, 'repealed.tsv'));
