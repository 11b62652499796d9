/**
 * The trimmed jieba dictionary (segment/trim-dictionary.ts): what it keeps, that it is built a fifth the size
 * of the full one, and that it is never loaded once a file it was made from has changed.
 *
 * It used to be checked here against the full one on every finding of every fixture, document, probe-set draft
 * and labelled clause (~10,400). Since a rule's word window counts characters (rules/matchers.ts windowChars)
 * the rules take no segmenter at all (rules/engine.ts RunOptions has none), so no finding can depend on the
 * dictionary: that comparison (about 35 s) would compare a thing with itself, and is gone. The dictionary
 * serves search and version comparison only.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodejieba from 'nodejieba';
import { afterAll, describe, expect, it } from 'vitest';
import { fullDictionaryPath, jiebaFiles, LEGAL_USER_DICT, writeDictionaryFiles } from '../../src/node/jieba-dictionary.js';
import { jiebaLoaded } from '../../src/node/jieba-segmenter.js';
import { packagePath } from '../../src/node/package-root.js';
import { trimDictionary } from '../../src/segment/trim-dictionary.js';

describe('trimDictionary', () => {
  const dict = ['甲 100 n', '乙 2 n', '甲乙 500 n', '乙丙 3 v', '丙丁戊 2 n', ''].join('\n');
  const lines = trimDictionary(dict, 100).text.trim().split('\n');

  it('keeps frequent words and every single character, drops the rare words', () => {
    expect(lines.slice(0, 3)).toEqual(['甲 100 n', '乙 2 n', '甲乙 500 n']);
    expect(lines.some((l) => l.startsWith('乙丙') || l.startsWith('丙丁戊'))).toBe(false);
  });

  it('keeps the total and the smallest frequency, so every kept word weighs the same', () => {
    const freqs = lines.map((l) => Number(l.split(' ')[1]));
    expect(freqs.reduce((a, b) => a + b, 0)).toBe(100 + 2 + 500 + 3 + 2);
    expect(Math.min(...freqs)).toBe(2);
  });

  it('keeps the words it is told to keep, whatever their frequency', () => {
    const kept = trimDictionary(dict, 100, new Set(['乙丙'])).text.split('\n');
    expect(kept).toContain('乙丙 3 v');
    expect(kept.some((l) => l.startsWith('丙丁戊'))).toBe(false);
  });

  it('refuses a malformed dictionary', () => {
    expect(() => trimDictionary('甲 abc n\n')).toThrow(/词典行无效/);
    expect(() => trimDictionary('')).toThrow(/词典为空/);
  });
});

describe('the trimmed dictionary files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fahu-dict-'));
  afterAll(() => {
    // the tests share one process: give the segmenter back the dictionary it had
    if (jiebaLoaded()) {
      const { kind: _kind, ...paths } = jiebaFiles();
      nodejieba.load(paths);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('are built a fifth the size of the full dictionary, and cut differently from it', () => {
    const built = writeDictionaryFiles(dir);
    expect(built.words).toBeLessThan(built.keptFrom / 5);
    expect(jiebaFiles({}, dir).kind).toBe('trimmed');
    const tables = { idfDict: join(dir, 'idf.none.utf8'), stopWordDict: join(dir, 'stop_words.none.utf8') };
    const sample = readFileSync(packagePath('fixtures', 'eval-docs', readdirSync(packagePath('fixtures', 'eval-docs')).find((f) => f.endsWith('.txt')) as string), 'utf8');
    nodejieba.load({ dict: built.dict, userDict: LEGAL_USER_DICT, ...tables });
    const trimmedCut = nodejieba.cut(sample, true);
    nodejieba.load({ dict: fullDictionaryPath(), userDict: LEGAL_USER_DICT, ...tables });
    expect(nodejieba.cut(sample, true)).not.toEqual(trimmedCut);
  }, 120_000);

  it('is never loaded once a file it was made from has changed', () => {
    const key = join(dir, 'jieba.trimmed.key');
    const good = readFileSync(key, 'utf8');
    writeFileSync(key, good.replace(/ [0-9a-f]{8}/, ' 00000000'));
    expect(jiebaFiles({}, dir).kind).toBe('full');
    writeFileSync(key, '');
    expect(jiebaFiles({}, dir).kind).toBe('full');
    writeFileSync(key, good);
    expect(jiebaFiles({}, dir).kind).toBe('trimmed');
    expect(jiebaFiles({ FAHU_DICT: 'full' }, dir).kind).toBe('full');
  });
});
