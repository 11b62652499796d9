/**
 * Run by ./parity-setup.ts as its own Node process (nodejieba, a CommonJS native module, does not
 * load inside vitest's module runner of the workers config): the parity corpus with the findings
 * the Node pipeline gives on each text — nodejieba with the trimmed dictionary, the rules read
 * from rules/, the in-process Word reader — written as JSON to the file named by argv[2].
 */
import { writeFileSync } from 'node:fs';
import { ingestBytes, ingestText } from '../../src/ingest/ingest.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { review } from '../../src/review/review.js';
import { parityCorpus } from './parity-corpus.js';
import type { ParityCase } from './parity-types.js';

const rules = loadRuleSet();
const { inputs, sources } = parityCorpus();
const cases: ParityCase[] = [];
for (const input of inputs) {
  const doc = input.kind === 'file' ? await ingestBytes(new Uint8Array(Buffer.from(input.content, 'base64')), { fileName: input.fileName ?? '' }) : ingestText(input.content, { fragment: input.kind === 'fragment' });
  cases.push({ ...input, node: JSON.stringify(review(doc, rules).findings) });
}
writeFileSync(process.argv[2] as string, JSON.stringify({ cases, sources }));
