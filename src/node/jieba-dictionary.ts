/**
 * The dictionary files nodejieba loads. `npm run build` (scripts/build-dictionary.ts) writes a
 * trimmed jieba dictionary (segment/trim-dictionary.ts) and one-line IDF and stop-word tables into
 * dist/dict/: keyword extraction, the only user of those tables, is never called, yet nodejieba
 * loads them on every start. Without the built files (a checkout not yet built) the full
 * dictionaries are used: slower, same findings. FAHU_DICT=full forces them (for measuring).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DEFAULT_MIN_FREQUENCY, trimDictionary } from '../segment/trim-dictionary.js';
import { packagePath } from './package-root.js';

export const LEGAL_USER_DICT = packagePath('rules', 'dict', 'legal-terms.dict');
export const BUILT_DICT_DIR = packagePath('dist', 'dict');

export interface JiebaFiles {
  /** Absent: nodejieba's own (full) file. */
  dict?: string;
  userDict: string;
  idfDict?: string;
  stopWordDict?: string;
  kind: 'trimmed' | 'full';
}

/** nodejieba's full jieba dictionary. */
export function fullDictionaryPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve('nodejieba')), 'submodules', 'cppjieba', 'dict', 'jieba.dict.utf8');
}

const built = (dir: string) => ({ dict: join(dir, 'jieba.trimmed.utf8'), idfDict: join(dir, 'idf.none.utf8'), stopWordDict: join(dir, 'stop_words.none.utf8') });

export function jiebaFiles(env: { FAHU_DICT?: string | undefined } = process.env): JiebaFiles {
  const files = built(BUILT_DICT_DIR);
  if (env.FAHU_DICT !== 'full' && existsSync(files.dict) && existsSync(files.idfDict) && existsSync(files.stopWordDict)) return { ...files, userDict: LEGAL_USER_DICT, kind: 'trimmed' };
  return { userDict: LEGAL_USER_DICT, kind: 'full' };
}

/** Writes the trimmed dictionary and the one-line tables into `dir`; returns the dictionary's word count. */
export function writeDictionaryFiles(dir = BUILT_DICT_DIR, minFrequency = DEFAULT_MIN_FREQUENCY): { dict: string; words: number; keptFrom: number } {
  const files = built(dir);
  mkdirSync(dir, { recursive: true });
  const trimmed = trimDictionary(readFileSync(fullDictionaryPath(), 'utf8'), minFrequency);
  writeFileSync(files.dict, trimmed.text);
  // cppjieba asserts a non-empty IDF table and stop-word list
  writeFileSync(files.idfDict, '的 1.0\n');
  writeFileSync(files.stopWordDict, '的\n');
  return { dict: files.dict, words: trimmed.words, keptFrom: trimmed.keptFrom };
}
