/** Rule files validated before are taken from the cache (compile-rules.ts `validated`), not parsed or validated again. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileRules, RuleLoadError, SchemasNeeded } from '../../src/rules/compile-rules.js';
import { RULE_SCHEMAS } from '../../src/rules/rule-schemas.js';
import type { Corpus } from '../../src/corpus/corpus.js';
import { ruleSources, sharedDefinitions } from '../../src/node/rule-files.js';

const memoryCache = () => {
  const rows = new Map<string, unknown>();
  return { rows, get: (kind: string, t: string) => rows.get(`${kind}\n${t}`), set: (kind: string, t: string, v: unknown) => void rows.set(`${kind}\n${t}`, JSON.parse(JSON.stringify(v))) };
};

describe('validated rule files', () => {
  const sources = ruleSources();
  const shared = sharedDefinitions();
  const corpus = JSON.parse(readFileSync(new URL('../../corpus/laws.json', import.meta.url), 'utf8')) as Corpus;
  const vocabulary = readFileSync(new URL('../../rules/vocabulary.yaml', import.meta.url), 'utf8');

  it('compiles the same rules from the cache without parsing any text again', () => {
    const cache = memoryCache();
    const first = compileRules(sources, shared, corpus, { repealed: [] }, { vocabulary, parseYaml: parse, validated: cache, schemas: RULE_SCHEMAS });
    expect(cache.rows.size).toBe(sources.length + shared.length + 1);
    let parsed = 0;
    const second = compileRules(sources, shared, corpus, { repealed: [] }, { vocabulary, parseYaml: (t) => (parsed++, parse(t)), validated: cache });
    expect(parsed).toBe(0);
    expect(second.rules.length).toBeGreaterThan(100);
    expect(second.rules.map((r) => r.rule)).toStrictEqual(first.rules.map((r) => r.rule));
    expect(JSON.stringify(second.rules.map((r) => [r.rule, r.basis, r.pack]))).toBe(JSON.stringify(first.rules.map((r) => [r.rule, r.basis, r.pack])));
  });

  it('needs no schemas (no zod) when every text is known, and asks for them, parsing nothing, when one is not', () => {
    const cache = memoryCache();
    const first = compileRules(sources, shared, corpus, { repealed: [] }, { vocabulary, parseYaml: parse, validated: cache, schemas: RULE_SCHEMAS });
    let parsed = 0;
    const counting = (t: string) => (parsed++, parse(t));
    const quick = compileRules(sources, shared, corpus, { repealed: [] }, { vocabulary, parseYaml: counting, validated: cache });
    expect(JSON.stringify(quick.rules.map((r) => [r.rule, r.basis, r.pack, r.triggers]))).toBe(JSON.stringify(first.rules.map((r) => [r.rule, r.basis, r.pack, r.triggers])));
    const changed = { ...(sources[0] as (typeof sources)[number]), content: `${(sources[0] as (typeof sources)[number]).content}\n# changed\n` };
    expect(() => compileRules([changed, ...sources.slice(1)], shared, corpus, { repealed: [] }, { vocabulary, parseYaml: counting, validated: cache })).toThrow(SchemasNeeded);
    expect(() => compileRules(sources, shared, corpus, { repealed: [] }, { vocabulary, parseYaml: counting, validated: memoryCache() })).toThrow(SchemasNeeded);
    expect(parsed).toBe(0);
  });

  it('still refuses a file zod refuses, and keeps nothing of it', () => {
    const cache = memoryCache();
    const bad = { file: 'rules/bad.yaml', content: 'rules:\n  - id: x\n' };
    expect(() => compileRules([bad], shared, corpus, { repealed: [] }, { vocabulary, parseYaml: parse, validated: cache, schemas: RULE_SCHEMAS })).toThrow(RuleLoadError);
    expect([...cache.rows.keys()].some((k) => k.endsWith(bad.content))).toBe(false);
  });

});
