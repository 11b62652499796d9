/**
 * nodejieba with the legal and administrative user dictionary (rules/dict/), so that
 * "对外地企业" cuts as 对|外地企业, not 对外|地|企业. The dictionary costs about a second
 * and 250 MB to load: once per process.
 */
import nodejieba from 'nodejieba';
import type { Segmenter } from '../segment/segmenter.js';
import { packagePath } from './package-root.js';

let loaded = false;

export const LEGAL_USER_DICT = packagePath('rules', 'dict', 'legal-terms.dict');

export function jiebaSegmenter(): Segmenter {
  if (!loaded) {
    nodejieba.load({ userDict: LEGAL_USER_DICT });
    loaded = true;
  }
  return {
    name: 'nodejieba',
    cut: (text: string) => nodejieba.cut(text, true),
    cutForSearch: (text: string) => nodejieba.cutForSearch(text, true),
  };
}
