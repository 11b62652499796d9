/** A legal text the section imported itself, and what an import or a 作废 sends. Messages are Chinese. */
import { z } from 'zod';
import type { CorpusArticle } from '../corpus/corpus.js';
import { DAY_PATTERN } from '../store/schema-kit.js';

export interface LocalText {
  id: number;
  title: string;
  docNumber: string;
  issuer: string;
  issuedOn: string | null;
  effectiveOn: string | null;
  /** The file it was read from (its name) and the SHA-256 of its bytes. */
  sourceName: string;
  sourceHash: string;
  articles: CorpusArticle[];
  importedBy: number | null;
  /** Display name of who imported it; "命令行" for the command line. */
  importedByName: string;
  importedAt: string;
  voidedAt: string | null;
  voidedByName: string | null;
  voidReason: string | null;
}

const text = (max: number) => z.string({ error: '应为文字' }).trim().max(max, `不能超过 ${max} 个字符`);
const day = (label: string) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().regex(DAY_PATTERN, `${label}格式应为 YYYY-MM-DD`).optional());

/** What a person may give besides the file: each overrides what was read from the text. */
export const ImportMetaSchema = z.object({
  title: z.preprocess((v) => (v === '' ? undefined : v), text(300).optional()),
  docNumber: z.preprocess((v) => (v === '' ? undefined : v), text(100).optional()),
  issuer: z.preprocess((v) => (v === '' ? undefined : v), text(200).optional()),
  issued: day('发布日期'),
  effective: day('施行日期'),
});
export type ImportMeta = z.input<typeof ImportMetaSchema>;

export const VoidTextSchema = z.object({ reason: text(2000).min(1, '作废必须填写理由') });

/** A reference to an article of a bundled or imported text (the 依据 picker, a rule's local basis). */
export const ArticleRefSchema = z.object({
  law: text(300).min(1, '请写明法规或文件名称'),
  article: text(100).min(1, '请写明条款'),
  item: z.preprocess((v) => (v === '' ? undefined : v), text(20).optional()),
});
export type ArticleRef = z.infer<typeof ArticleRefSchema>;
