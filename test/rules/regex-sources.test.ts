/** Regex sources made before are taken from the cache (matchers.ts CompileEnv.sources), with the same answers. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileRules } from '../../src/rules/compile-rules.js';
import { RULE_SCHEMAS } from '../../src/rules/rule-schemas.js';
import type { Corpus } from '../../src/corpus/corpus.js';
import { ruleSources, sharedDefinitions } from '../../src/node/rule-files.js';
import { ingestText } from '../../src/ingest/ingest.js';
import { runRules } from '../../src/rules/engine.js';

const table = () => {
  const rows = new Map<string, unknown>();
  return { rows, get: (k: string) => rows.get(k), set: (k: string, v: string) => void rows.set(k, v) };
};

describe('regex sources cache', () => {
  const sources = ruleSources();
  const shared = sharedDefinitions();
  const corpus = JSON.parse(readFileSync(new URL('../../corpus/laws.json', import.meta.url), 'utf8')) as Corpus;
  const vocabulary = readFileSync(new URL('../../rules/vocabulary.yaml', import.meta.url), 'utf8');
  const compile = (cache?: ReturnType<typeof table> | { get: (k: string) => unknown; set: (k: string, v: string) => void }) =>
    compileRules(sources, shared, corpus, { repealed: [] }, { vocabulary, parseYaml: parse, schemas: RULE_SCHEMAS, ...(cache ? { sources: cache } : {}) });
  const bitsOf = (set: ReturnType<typeof compile>, text: string) => Array.from(set.literalBits?.(text) ?? []);

  it('keeps every source made, and a second compile taking them answers as one without the cache', () => {
    const cache = table();
    const first = compile(cache);
    expect(cache.rows.size).toBeGreaterThan(500);
    expect([...cache.rows.values()].every((v) => typeof v === 'string')).toBe(true);
    const again = table();
    for (const [k, v] of cache.rows) again.rows.set(k, v);
    let written = 0;
    const second = compile({ get: (k) => again.get(k), set: (k, v) => (written++, again.set(k, v)) });
    expect(written).toBe(0);
    const plain = compile();
    const text = readFileSync(new URL('../../fixtures/text/demo-review.txt', import.meta.url), 'utf8');
    expect(bitsOf(second, text)).toEqual(bitsOf(plain, text));
    expect(bitsOf(first, text)).toEqual(bitsOf(plain, text));
    expect(second.rules.map((r) => [r.rule.id, r.triggers, r.wideTriggers])).toEqual(plain.rules.map((r) => [r.rule.id, r.triggers, r.wideTriggers]));
    const findings = runRules(ingestText(text), second);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toEqual(runRules(ingestText(text), plain));
  });

  it('makes a source again where the cache holds something else than a string', () => {
    const cache = table();
    compile(cache);
    const key = [...cache.rows.keys()][0] as string;
    const source = cache.rows.get(key);
    cache.rows.set(key, 42);
    compile(cache);
    expect(cache.rows.get(key)).toBe(source);
  });
});
