/**
 * The compiled rule cache (node/compiled-rule-cache.ts, compile-rules.ts freeze / thawRules): a start that reads
 * the rule set back answers as one that compiles it — the same rules, fields, gates and findings, whichever rules
 * the drafts open first — and a change of any rule file, the shared definitions or the vocabulary compiles afresh;
 * a damaged file is ignored and rewritten; a cache directory that cannot be written leaves the rules compiled.
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRulesFrom } from '../../src/node/rule-loader.js';
import { RULE_SCHEMAS } from '../../src/rules/rule-schemas.js';
import { runRules } from '../../src/rules/engine.js';
import { ingestText } from '../../src/ingest/ingest.js';
import type { RuleSet } from '../../src/rules/compile-rules.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `fahu-compiled-${name}-`));
  dirs.push(d);
  return d;
};
const rulesCopy = () => {
  const d = join(tempDir('rules'), 'rules');
  cpSync(new URL('../../rules', import.meta.url), d, { recursive: true });
  return d;
};
const compiledFiles = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('rules-yaml-compiled-') && f.endsWith('.txt'));

/** The fixture drafts, the real documents of fixtures/eval-docs and the first probe set's dev drafts. */
const fixtureTexts = (): string[] =>
  ['../../fixtures/text/', '../../fixtures/eval-docs/', '../../fixtures/generalisation/drafts/dev/'].flatMap((d) => {
    const dir = new URL(d, import.meta.url);
    return readdirSync(dir)
      .filter((f) => /\.(txt|md)$/.test(f))
      .sort()
      .map((f) => readFileSync(new URL(f, dir), 'utf8'));
  });

const findingsOf = (set: RuleSet, texts: string[], packs: string[] = []) => texts.map((t) => JSON.stringify(runRules(ingestText(t), set, { packs })));
const shape = (set: RuleSet) => JSON.stringify(set.rules.map((r) => [r.rule, r.basis, r.pack, r.file, r.triggers, r.wideTriggers, r.match !== undefined, r.gate !== undefined, r.blockers.map((b) => b.name)]));

describe('compiled rule cache', () => {
  const rulesDir = rulesCopy();
  const cache = tempDir('cache');
  const first = loadRulesFrom({ rulesDir, cacheDir: cache, schemas: RULE_SCHEMAS });
  const again = loadRulesFrom({ rulesDir, cacheDir: cache });
  const texts = fixtureTexts();

  it('keeps the compiled rules and reads them back, with every field, gate and blocker as compiled', () => {
    expect(first.compiled).toBe('written');
    expect(again.compiled).toBe('read');
    expect(compiledFiles(cache)).toHaveLength(1);
    expect(again.ruleSet.rules.length).toBe(first.ruleSet.rules.length);
    expect(again.ruleSet.packs).toStrictEqual(first.ruleSet.packs);
    expect([...again.ruleSet.vocabulary.classes]).toStrictEqual([...first.ruleSet.vocabulary.classes]);
    // examples too (parsed from their JSON on first read: `rules test` and coverage read them)
    expect(again.ruleSet.rules.map((r) => r.rule)).toStrictEqual(first.ruleSet.rules.map((r) => r.rule));
    expect(shape(again.ruleSet)).toBe(shape(first.ruleSet));
  });

  it('finds what the compiled rules find, whichever draft opens which rule first', () => {
    expect(texts.length).toBeGreaterThan(3);
    const expected = findingsOf(first.ruleSet, texts);
    expect(expected.filter((f) => f !== '[]').length).toBeGreaterThan(2);
    expect(findingsOf(loadRulesFrom({ rulesDir, cacheDir: cache }).ruleSet, texts)).toStrictEqual(expected);
    // another order: the rules are compiled as other drafts first open them, their finders take the same ids
    const reversed = findingsOf(loadRulesFrom({ rulesDir, cacheDir: cache }).ruleSet, [...texts].reverse()).reverse();
    expect(reversed).toStrictEqual(expected);
    const packs = first.ruleSet.packs.map((p) => p.name);
    expect(findingsOf(loadRulesFrom({ rulesDir, cacheDir: cache }).ruleSet, texts, packs)).toStrictEqual(findingsOf(first.ruleSet, texts, packs));
  });

  it('finds the same when the rules a text may open are compiled ahead', () => {
    const expected = findingsOf(first.ruleSet, texts);
    const ahead = loadRulesFrom({ rulesDir, cacheDir: cache }).ruleSet;
    ahead.compileFor?.(texts[texts.length - 1] as string);
    expect(findingsOf(ahead, texts)).toStrictEqual(expected);
    const all = loadRulesFrom({ rulesDir, cacheDir: cache }).ruleSet;
    all.compileFor?.(texts.join('\n'));
    expect(findingsOf(all, texts)).toStrictEqual(expected);
  });

  it('compiles afresh after any change of a rule file, the shared definitions or the vocabulary', () => {
    const dir = rulesCopy();
    const own = tempDir('change');
    expect(loadRulesFrom({ rulesDir: dir, cacheDir: own, schemas: RULE_SCHEMAS }).compiled).toBe('written');
    expect(loadRulesFrom({ rulesDir: dir, cacheDir: own }).compiled).toBe('read');
    const ruleFile = join(dir, readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'shared.yaml' && f !== 'vocabulary.yaml').sort()[0] as string);
    // one character of a rule's title changed (the file's length stays)
    const text = readFileSync(ruleFile, 'utf8');
    const title = /^ *title: (.*[\u4e00-\u9fa5])$/m.exec(text)?.[1] as string;
    expect(title).toBeTruthy();
    const changed = `${title.slice(0, -1)}${title.endsWith('乙') ? '甲' : '乙'}`;
    writeFileSync(ruleFile, text.replace(`title: ${title}`, `title: ${changed}`));
    const after = loadRulesFrom({ rulesDir: dir, cacheDir: own, schemas: RULE_SCHEMAS });
    expect(after.compiled).toBe('written');
    expect(after.ruleSet.rules.some((r) => r.rule.title === changed)).toBe(true);
    const reread = loadRulesFrom({ rulesDir: dir, cacheDir: own });
    expect(reread.compiled).toBe('read');
    expect(reread.ruleSet.rules.some((r) => r.rule.title === changed)).toBe(true);
    for (const f of [join(dir, 'shared.yaml'), join(dir, 'vocabulary.yaml')]) {
      appendFileSync(f, '\n# changed\n');
      expect(loadRulesFrom({ rulesDir: dir, cacheDir: own, schemas: RULE_SCHEMAS }).compiled).toBe('written');
      expect(loadRulesFrom({ rulesDir: dir, cacheDir: own }).compiled).toBe('read');
    }
    expect(compiledFiles(own)).toHaveLength(4);
  });

  it('ignores a damaged compiled file and writes it anew', () => {
    const own = tempDir('damaged');
    loadRulesFrom({ rulesDir, cacheDir: own, schemas: RULE_SCHEMAS });
    const file = join(own, compiledFiles(own)[0] as string);
    const good = readFileSync(file);
    const expected = findingsOf(first.ruleSet, texts);
    const damaged = [
      good.subarray(0, good.length >> 1), // truncated
      Buffer.from('not a compiled rule file'),
      Buffer.alloc(0),
      // one character of the body changed: the checksum no longer holds
      Buffer.concat([good.subarray(0, good.length - 40), Buffer.from('乙', 'utf16le'), good.subarray(good.length - 38)]),
    ];
    for (const bytes of damaged) {
      writeFileSync(file, bytes);
      const loaded = loadRulesFrom({ rulesDir, cacheDir: own, schemas: RULE_SCHEMAS });
      expect(loaded.compiled).toBe('written');
      expect(findingsOf(loaded.ruleSet, texts)).toStrictEqual(expected);
      expect(readFileSync(file).equals(good)).toBe(true);
      expect(loadRulesFrom({ rulesDir, cacheDir: own }).compiled).toBe('read');
    }
  });

  it('compiles the rules each time where the cache directory cannot be written', () => {
    // a path under a regular file: nothing can be made there (whoever runs the test, root included)
    const blocker = join(tempDir('readonly'), 'a-file');
    writeFileSync(blocker, '');
    const loaded = loadRulesFrom({ rulesDir, cacheDir: join(blocker, 'cache'), schemas: RULE_SCHEMAS });
    expect(loaded.compiled).toBe('none');
    expect(findingsOf(loaded.ruleSet, texts.slice(0, 2))).toStrictEqual(findingsOf(first.ruleSet, texts.slice(0, 2)));
  });
});
