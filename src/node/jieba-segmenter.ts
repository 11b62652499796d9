/**
 * nodejieba with the legal and administrative user dictionary (rules/dict/), so that
 * "对外地企业" cuts as 对|外地企业, not 对外|地|企业. The dictionary loads on the first cut, not
 * when the segmenter is made. Search (the decision index) and version comparison cut; the rules never
 * do (a word window counts characters) and take no segmenter. With the trimmed dictionary built into dist/dict/ the load costs about 0.1–0.3 s
 * and 25 MB (the full one 1.3 s and 250 MB, loaded twice inside nodejieba). `loadJieba()` loads
 * it ahead, e.g. while a worker reads a Word file.
 */
import nodejieba from 'nodejieba';
import type { Segmenter } from '../segment/segmenter.js';
import { jiebaFiles, LEGAL_USER_DICT, type JiebaFiles } from './jieba-dictionary.js';

export { LEGAL_USER_DICT };

let loaded: JiebaFiles | undefined;

/** Loads the dictionaries once per process (synchronous, on this thread); returns which. */
export function loadJieba(): JiebaFiles {
  if (!loaded) {
    const files = jiebaFiles();
    const { kind: _kind, ...paths } = files;
    nodejieba.load(paths);
    loaded = files;
  }
  return loaded;
}

/** Whether the dictionaries are loaded (nothing loads them but a cut or loadJieba). */
export const jiebaLoaded = (): boolean => loaded !== undefined;

/** The name tells the dictionaries apart: a search index saved with one is rebuilt for the other. */
export function jiebaSegmenter(): Segmenter {
  return {
    name: (loaded ?? jiebaFiles()).kind === 'trimmed' ? 'nodejieba-trimmed' : 'nodejieba',
    cut: (text: string) => (loadJieba(), nodejieba.cut(text, true)),
    cutForSearch: (text: string) => (loadJieba(), nodejieba.cutForSearch(text, true)),
  };
}
