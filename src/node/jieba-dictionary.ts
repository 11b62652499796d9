/**
 * The dictionary files nodejieba loads. `npm run build` (scripts/build-dictionary.ts) writes a
 * trimmed jieba dictionary (segment/trim-dictionary.ts) and one-line IDF and stop-word tables into
 * dist/dict/: keyword extraction, the only user of those tables, is never called, yet nodejieba
 * loads them on every start. FAHU_DICT=full forces the full dictionaries (for measuring).
 *
 * The trimmed dictionary keeps, beside the frequent words, every word the full dictionary cuts out
 * of the domain texts (domainSources: the rule files, rules/dict/, the legal corpus) and every place
 * name of corpus/places: so it is made from the rule files, and beside it lies the SHA-256 of all it
 * was made from (the full dictionary, the sources, the criterion). A dictionary whose key is not
 * that of the files here now (a rule file edited since the build, another nodejieba) is never
 * loaded: the full one is, with a line on stderr, until `npm run build` makes it anew. Without the
 * built files (a checkout not yet built) the full dictionaries are used: slower, same findings.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import nodejieba from 'nodejieba';
import { DEFAULT_MIN_FREQUENCY, trimDictionary } from '../segment/trim-dictionary.js';
import { packagePath } from './package-root.js';

export const LEGAL_USER_DICT = packagePath('rules', 'dict', 'legal-terms.dict');
export const BUILT_DICT_DIR = packagePath('dist', 'dict');

/** Named in the key: a change of what is kept (here or in trim-dictionary.ts) takes a new name. */
const CRITERION = 'frequent+domain-cut+places-1';

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

const built = (dir: string) => ({ dict: join(dir, 'jieba.trimmed.utf8'), key: join(dir, 'jieba.trimmed.key'), idfDict: join(dir, 'idf.none.utf8'), stopWordDict: join(dir, 'stop_words.none.utf8') });

function filesUnder(dir: string, test: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? filesUnder(p, test) : test.test(f) ? [p] : [];
    });
}

/** The files a trimmed dictionary is made from, besides the full one: the rule files, rules/dict/, the legal corpus, the places. */
export function sourceFiles(): string[] {
  return [...filesUnder(packagePath('rules'), /\.(yaml|dict)$/), ...filesUnder(packagePath('corpus', 'legal'), /\.md$/), packagePath('corpus', 'laws.json'), packagePath('corpus', 'places', 'divisions.tsv')].filter(existsSync);
}

export interface DomainSources {
  /** Texts whose full-dictionary cut gives words to keep: the rule files, rules/dict/, the legal corpus. */
  texts: string[];
  /** Place names and short names (corpus/places/divisions.tsv): kept where the full dictionary has them. */
  places: string[];
}

/** What the trimmed dictionary is made from, read out of `files` (sourceFiles). */
export function domainSources(files = sourceFiles()): DomainSources {
  const texts: string[] = [];
  const places: string[] = [];
  for (const f of files) {
    const content = readFileSync(f, 'utf8');
    if (!f.endsWith('.tsv')) {
      texts.push(content);
      continue;
    }
    for (const line of content.split('\n')) {
      if (line.startsWith('#')) continue;
      const [, name, , , short] = line.split('\t');
      for (const w of [name, short]) if (w && w !== 'name' && w !== 'short') places.push(w);
    }
  }
  return { texts, places };
}

/** The SHA-256 of everything a trimmed dictionary is made from: the criterion, the files' names and bytes, the full dictionary by its nodejieba version and size. */
export function dictionaryKey(minFrequency = DEFAULT_MIN_FREQUENCY, files = sourceFiles()): string {
  const jieba = dirname(createRequire(import.meta.url).resolve('nodejieba'));
  const jiebaVersion = String(JSON.parse(readFileSync(join(jieba, 'package.json'), 'utf8')).version);
  const h = createHash('sha256').update(`${CRITERION}\n${minFrequency}\nnodejieba ${jiebaVersion} ${statSync(fullDictionaryPath()).size}\n`);
  const root = packagePath();
  for (const f of files) {
    const bytes = readFileSync(f);
    h.update(`${relative(root, f)}\n${bytes.byteLength}\n`).update(bytes);
  }
  return h.digest('hex');
}

let checked: { dir: string; stored: string; fresh: boolean } | undefined;

/**
 * Whether the trimmed dictionary in `dir` was made from the files here now. Hashing them costs 15–20 ms, so once per
 * process and key file: the dictionary too is loaded once per process.
 */
function fresh(dir: string, files: ReturnType<typeof built>): boolean {
  let stored = '';
  try {
    stored = readFileSync(files.key, 'utf8').trim();
  } catch {
    stored = '';
  }
  if (checked?.dir !== dir || checked.stored !== stored) {
    // `minFrequency key`: the build may have been given another frequency
    const [min, key] = stored.split(' ');
    const ok = key !== undefined && key === dictionaryKey(Number(min));
    if (!ok) process.stderr.write('法护：精简 jieba 词典不是由现在的规则文件生成的，改用完整词典（npm run build 重新生成）\n');
    checked = { dir, stored, fresh: ok };
  }
  return checked.fresh;
}

export function jiebaFiles(env: { FAHU_DICT?: string | undefined } = process.env, dir = BUILT_DICT_DIR): JiebaFiles {
  const files = built(dir);
  if (env.FAHU_DICT === 'full' || !existsSync(files.dict) || !existsSync(files.idfDict) || !existsSync(files.stopWordDict)) return { userDict: LEGAL_USER_DICT, kind: 'full' };
  if (!fresh(dir, files)) return { userDict: LEGAL_USER_DICT, kind: 'full' };
  return { dict: files.dict, idfDict: files.idfDict, stopWordDict: files.stopWordDict, userDict: LEGAL_USER_DICT, kind: 'trimmed' };
}

/**
 * The words to keep beyond the frequent ones: what the full dictionary cuts out of the domain texts, and the
 * place names it has. Loads the full dictionary into nodejieba (this process's segmenter is left on it).
 */
export function domainWords(fullText: string, sources: DomainSources, tables: { idfDict: string; stopWordDict: string }): Set<string> {
  const inFull = new Set<string>();
  for (const line of fullText.split('\n')) {
    const word = line.slice(0, line.indexOf(' '));
    if (word) inFull.add(word);
  }
  nodejieba.load({ idfDict: tables.idfDict, stopWordDict: tables.stopWordDict, dict: fullDictionaryPath(), userDict: LEGAL_USER_DICT });
  const keep = new Set<string>();
  for (const t of sources.texts) for (const w of nodejieba.cut(t, true)) if (inFull.has(w)) keep.add(w);
  for (const p of sources.places) if (inFull.has(p)) keep.add(p);
  return keep;
}

/** Writes the trimmed dictionary, its key and the one-line tables into `dir`; returns the dictionary's word count. */
export function writeDictionaryFiles(dir = BUILT_DICT_DIR, minFrequency = DEFAULT_MIN_FREQUENCY): { dict: string; words: number; keptFrom: number; domain: number } {
  const files = built(dir);
  mkdirSync(dir, { recursive: true });
  // cppjieba asserts a non-empty IDF table and stop-word list
  writeFileSync(files.idfDict, '的 1.0\n');
  writeFileSync(files.stopWordDict, '的\n');
  const sources = sourceFiles();
  const key = dictionaryKey(minFrequency, sources);
  const fullText = readFileSync(fullDictionaryPath(), 'utf8');
  const keep = domainWords(fullText, domainSources(sources), { idfDict: files.idfDict, stopWordDict: files.stopWordDict });
  const trimmed = trimDictionary(fullText, minFrequency, keep);
  // the key last, each file whole (a temporary name, then renamed): a half-written build is never taken as fresh
  writeFileSync(`${files.key}.tmp`, '');
  renameSync(`${files.key}.tmp`, files.key);
  writeFileSync(`${files.dict}.tmp`, trimmed.text);
  renameSync(`${files.dict}.tmp`, files.dict);
  writeFileSync(`${files.key}.tmp`, `${minFrequency} ${key}\n`);
  renameSync(`${files.key}.tmp`, files.key);
  return { dict: files.dict, words: trimmed.words, keptFrom: trimmed.keptFrom, domain: keep.size };
}
