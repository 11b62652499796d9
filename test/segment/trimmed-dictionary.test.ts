/**
 * The trimmed jieba dictionary (segment/trim-dictionary.ts) against the full one: the same
 * findings, whole, on every fixture text and Word file, the real documents, the generalisation
 * drafts (both rounds) and every labelled clause (dev eval, generalisation and generalisation-r2
 * dev/held-out, probes), with and
 * without the 童装 pack and with each clause's issuer as jurisdiction.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodejieba from 'nodejieba';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestBytes, ingestText } from '../../src/ingest/ingest.js';
import { fullDictionaryPath, jiebaFiles, LEGAL_USER_DICT, writeDictionaryFiles } from '../../src/node/jieba-dictionary.js';
import { jiebaLoaded } from '../../src/node/jieba-segmenter.js';
import { packagePath } from '../../src/node/package-root.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { runRules } from '../../src/rules/engine.js';
import type { Segmenter } from '../../src/segment/segmenter.js';
import { trimDictionary } from '../../src/segment/trim-dictionary.js';

const DOC_DIRS = ['fixtures/docx', 'fixtures/text', 'fixtures/eval-docs', '../shared/eval/docs', 'fixtures/generalisation/drafts/dev', 'fixtures/generalisation/drafts/heldout', 'fixtures/cleanup/texts', 'fixtures/reading', 'fixtures/generalisation-r2/drafts/dev', 'fixtures/generalisation-r2/drafts/heldout'];
const CLAUSE_FILES = ['../shared/eval/dev-clauses.jsonl', 'fixtures/generalisation/clauses-dev.jsonl', 'fixtures/generalisation/clauses-heldout.jsonl', 'fixtures/generalisation-r2/clauses-dev.jsonl', 'fixtures/generalisation-r2/clauses-heldout.jsonl', 'fixtures/eval/probes.jsonl'];

function documents(): string[] {
  return DOC_DIRS.map((d) => packagePath(d))
    .filter(existsSync)
    .flatMap((dir) => readdirSync(dir).sort().filter((f) => /\.(docx|txt|md)$/.test(f)).map((f) => join(dir, f)));
}

function clauses(): { key: string; text: string; issuer?: string }[] {
  return CLAUSE_FILES.map((f) => packagePath(f))
    .filter(existsSync)
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { id: string; text?: string; issuer?: string })
        .filter((c) => typeof c.text === 'string')
        .map((c) => ({ key: `${file}#${c.id}`, text: c.text as string, ...(c.issuer ? { issuer: c.issuer } : {}) })),
    );
}

/** Every finding of every input, whole, under the dictionary loaded now. */
async function allFindings(): Promise<Map<string, unknown>> {
  const segmenter: Segmenter = { name: 'test', cut: (t) => nodejieba.cut(t, true) };
  const ruleSet = loadRuleSet();
  const out = new Map<string, unknown>();
  for (const file of documents()) {
    const doc = await ingestBytes(new Uint8Array(readFileSync(file)), { fileName: file.split('/').pop() as string });
    for (const packs of [[], ['tongzhuang']]) out.set(`${file} ${packs.join()}`, runRules(doc, ruleSet, { segmenter, packs }));
  }
  for (const c of clauses()) {
    const doc = ingestText(c.text, { fragment: true });
    out.set(c.key, runRules(doc, ruleSet, { segmenter }));
    if (c.issuer) out.set(`${c.key} ${c.issuer}`, runRules(doc, ruleSet, { segmenter, jurisdiction: c.issuer }));
  }
  return out;
}

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

  it('refuses a malformed dictionary', () => {
    expect(() => trimDictionary('甲 abc n\n')).toThrow(/词典行无效/);
    expect(() => trimDictionary('')).toThrow(/词典为空/);
  });
});

describe('the trimmed dictionary gives the findings of the full one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fahu-dict-'));
  afterAll(() => {
    // the tests share one process: give the segmenter back the dictionary it had
    if (jiebaLoaded()) {
      const { kind: _kind, ...paths } = jiebaFiles();
      nodejieba.load(paths);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('on every fixture, real document and labelled clause', async () => {
    const built = writeDictionaryFiles(dir);
    expect(built.words).toBeLessThan(built.keptFrom / 5);
    const tables = { idfDict: join(dir, 'idf.none.utf8'), stopWordDict: join(dir, 'stop_words.none.utf8') };
    nodejieba.load({ dict: fullDictionaryPath(), userDict: LEGAL_USER_DICT, ...tables });
    const full = await allFindings();
    nodejieba.load({ dict: built.dict, userDict: LEGAL_USER_DICT, ...tables });
    // the trimmed cut does differ somewhere (else this test would prove nothing)
    const sample = readFileSync(packagePath('fixtures', 'eval-docs', readdirSync(packagePath('fixtures', 'eval-docs')).find((f) => f.endsWith('.txt')) as string), 'utf8');
    const trimmedCut = nodejieba.cut(sample, true);
    const trimmed = await allFindings();
    nodejieba.load({ dict: fullDictionaryPath(), userDict: LEGAL_USER_DICT, ...tables });
    expect(nodejieba.cut(sample, true)).not.toEqual(trimmedCut);
    expect(full.size).toBeGreaterThan(500);
    expect([...full.values()].flat().length).toBeGreaterThan(300);
    for (const [key, findings] of full) expect(trimmed.get(key), key).toEqual(findings);
  }, 300_000);
});
