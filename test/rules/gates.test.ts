/**
 * Rule gates (src/rules/gates.ts) skip a rule on a sentence only where it cannot hit nor look up places:
 * the rule files run with and without their gates give the same findings and the same warnings, on the
 * fixture documents and on every example sentence of every rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Corpus } from '../../src/corpus/corpus.js';
import { ingestText } from '../../src/ingest/ingest.js';
import { loadPlaceData } from '../../src/node/place-data.js';
import { ruleSources, sharedDefinitions } from '../../src/node/rule-files.js';
import { compileRules } from '../../src/rules/compile-rules.js';
import { RULE_SCHEMAS } from '../../src/rules/rule-schemas.js';
import { documentAnnotations, runRules } from '../../src/rules/engine.js';
import { readExample } from '../../src/rules/examples.js';
import { and, compileGate, isOpen, onClause, or, triggers, wideTriggers, type Gate } from '../../src/rules/gates.js';
import { TextScanner } from '../../src/rules/text-scanner.js';
import type { RuleSet } from '../../src/rules/ruleset.js';
import type { DocumentModel } from '../../src/document/model.js';

const root = new URL('../..', import.meta.url).pathname;

describe('gate algebra', () => {
  const bits = new Uint32Array([0b1010]); // ids 1 and 3 present
  const none = () => new Uint32Array(1);
  it('reads finder bits, all and any, and the clause on its own bits', () => {
    expect(isOpen(1, bits, none)).toBe(true);
    expect(isOpen(2, bits, none)).toBe(false);
    expect(isOpen(and(1, 3), bits, none)).toBe(true);
    expect(isOpen(and(1, 2), bits, none)).toBe(false);
    expect(isOpen(or(2, 3), bits, none)).toBe(true);
    expect(isOpen(onClause(1), bits, none)).toBe(false);
    expect(isOpen(onClause(1), none(), () => bits)).toBe(true);
  });
  it('simplifies true and false away', () => {
    expect(and(true, 1)).toBe(1);
    expect(and(false, 1)).toBe(false);
    expect(or(true, 1)).toBe(true);
    expect(or(false, 1)).toBe(1);
    expect(and()).toBe(true);
    expect(or()).toBe(false);
    expect(or(1, or(1, 2))).toStrictEqual({ or: [1, 2] });
    expect(onClause(true)).toBe(true);
  });
  it('compiled, answers what isOpen answers (random gates, random bits)', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const gate = (depth: number): Gate => {
      const k = rnd(depth > 2 ? 2 : 6);
      if (k === 0) return rnd(70);
      if (k === 1) return rnd(10) === 0 ? rnd(2) === 0 : rnd(70);
      const parts = Array.from({ length: 1 + rnd(4) }, () => gate(depth + 1));
      return k === 2 ? and(...parts) : k === 3 ? or(...parts) : k === 4 ? onClause(gate(depth + 1)) : { or: parts };
    };
    const randomBits = () => Uint32Array.from({ length: 3 }, () => rnd(2 ** 31) ^ (rnd(2) << 31));
    for (let i = 0; i < 3000; i++) {
      const g = gate(0);
      const [s, c] = [randomBits(), randomBits()];
      expect(compileGate(g)(s, () => c), JSON.stringify(g)).toBe(isOpen(g, s, () => c));
    }
  });
});

describe('triggers', () => {
  it('take, of an all\'s parts, the one of least cost (default: the fewest ids), and stay necessary', () => {
    const g: Gate = or(and(1, or(2, 3, 4)), and(or(5, 6), 7));
    expect(triggers(g)?.sort()).toEqual([1, 7]);
    // ids 1 and 7 costly (a single character, say): the other parts are taken
    const cost = (ids: readonly number[]) => ids.reduce((c, id) => c + (id === 1 || id === 7 ? 100 : 1), 0);
    expect(triggers(g, cost)?.sort()).toEqual([2, 3, 4, 5, 6]);
    expect(wideTriggers(and(onClause(1), 2, 3), (ids) => (ids[0] === 1 ? 0 : 5))).toEqual([1]);
    // wherever the gate is open, one of its triggers is among the bits, whichever part was chosen
    for (let n = 0; n < 256; n++) {
      const bits = new Uint32Array([n]);
      if (!isOpen(g, bits, () => bits)) continue;
      for (const t of [triggers(g), triggers(g, cost)]) expect(t?.some((id) => (n & (1 << id)) !== 0)).toBe(true);
    }
  });

  it('cost a finder by its literals, the short ones most', () => {
    const scanner = new TextScanner();
    const one = scanner.finder(/市|县/g);
    const four = scanner.finder(/本地企业|本地产品/g);
    const idOf = (f: (t: string) => unknown) => scanner.gate(f as never) as number;
    expect(scanner.literalCost([idOf(one)])).toBeGreaterThan(scanner.literalCost([idOf(four)]));
    expect(scanner.literalCost([idOf(one), idOf(four)])).toBe(scanner.literalCost([idOf(one)]) + scanner.literalCost([idOf(four)]));
  });
});

describe('rule gates change no answer', () => {
  const corpus = JSON.parse(readFileSync(join(root, 'corpus', 'laws.json'), 'utf8')) as Corpus;
  const vocabulary = readFileSync(join(root, 'rules', 'vocabulary.yaml'), 'utf8');
  const compile = (gates: boolean) => compileRules(ruleSources(), sharedDefinitions(), corpus, { repealed: [] }, { vocabulary, parseYaml: parse, places: loadPlaceData, gates, schemas: RULE_SCHEMAS });
  const gated = compile(true);
  const open = compile(false);
  const packs = [...new Set(gated.rules.map((r) => r.pack).filter((p): p is string => p !== undefined))];

  const outcome = (doc: DocumentModel, ruleSet: RuleSet, jurisdiction?: string) => {
    const options = { packs, ...(jurisdiction ? { jurisdiction } : {}) };
    const annotations = documentAnnotations(doc, ruleSet, options);
    const findings = runRules(doc, ruleSet, { ...options, annotations });
    return JSON.stringify({ findings, warnings: annotations.warnings() });
  };

  it('on the fixture documents', () => {
    const dirs = ['fixtures/text', 'fixtures/eval-docs'];
    const files = dirs.flatMap((d) => readdirSync(join(root, d)).filter((f) => /\.(txt|md)$/.test(f)).map((f) => join(root, d, f)));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const doc = ingestText(readFileSync(f, 'utf8'), { markdown: f.endsWith('.md') });
      expect(outcome(doc, gated), f).toBe(outcome(doc, open));
    }
  });

  it('on every example of every rule, all rules running', () => {
    let n = 0;
    for (const r of gated.rules) {
      for (const raw of [...r.rule.examples.flag, ...r.rule.examples.pass]) {
        const example = readExample(raw);
        const doc = ingestText(example.text, { fragment: !example.text.includes('\n') });
        expect(outcome(doc, gated, example.jurisdiction), `${r.rule.id}: ${example.text}`).toBe(outcome(doc, open, example.jurisdiction));
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
  }, 120_000);
});
