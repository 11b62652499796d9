/**
 * Inside workerd: the findings of the Worker's own parts — the rules compiled from the bundled
 * text modules, jieba-wasm instantiated from the bundled WebAssembly module with the legal user
 * dictionary, the in-isolate Word reader — equal the Node pipeline's (nodejieba, rules from
 * rules/, computed by ./parity-setup.ts) on every fixture, dev clause, probe and lawful real
 * document (./parity-corpus.ts), the whole findings JSON compared. Only ids are printed.
 */
import { describe, expect, inject, it } from 'vitest';
import { ingestBytes, ingestText } from '../../src/ingest/ingest.js';
import { review } from '../../src/review/review.js';
import { bundledRuleSet } from '../../src/workers/rule-set.js';
import { workerDocxReader } from '../../src/workers/start.js';
import type {} from './parity-types.js';

const bytesOf = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

describe('findings on Workers equal findings on Node', () => {
  it('on every fixture, dev clause, probe (both halves) and lawful real document', async () => {
    const { cases, sources } = inject('parity');
    console.log(`parity corpus: ${cases.length} texts — ${Object.entries(sources).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(cases.length).toBeGreaterThan(600);
    const rules = bundledRuleSet();
    const differing: string[] = [];
    let findings = 0;
    for (const c of cases) {
      const doc = c.kind === 'file' ? await ingestBytes(bytesOf(c.content), { fileName: c.fileName ?? '', readDocx: workerDocxReader }) : ingestText(c.content, { fragment: c.kind === 'fragment' });
      const got = review(doc, rules).findings;
      findings += got.length;
      if (JSON.stringify(got) !== c.node) differing.push(c.id);
    }
    console.log(`parity: ${findings} findings on Workers, ${differing.length} texts differ`);
    expect(findings).toBeGreaterThan(300); // the comparison is over texts that do have findings
    expect(differing).toEqual([]);
  }, 600_000);
});
