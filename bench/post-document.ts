/**
 * What `fahu review` of one .docx does on the main thread once the document has arrived, timed in a fresh
 * process (cold, as the command runs it): the document is read in-process first, the rule set loaded, then
 * the review is timed alone. Prints `ms` of the review, and of the load before it.
 *
 *   node dist/bench/post-document.js [FILE]      (run it several times: the first run of a process is the figure)
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { packagePath } from '../src/node/package-root.js';
import { placeDataForOneDocument, preparePlaceLines } from '../src/node/place-data.js';
import { loadRuleSetLazily } from '../src/node/rule-loader.js';
import { ingestBytes } from '../src/ingest/ingest.js';
import { reviewOf } from '../src/review/create-review.js';

const file = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? packagePath('fixtures', 'docx', 'long-draft-60k.docx');
placeDataForOneDocument();
const doc = await ingestBytes(new Uint8Array(readFileSync(file)), { fileName: file });
const t0 = performance.now();
const ruleSet = await loadRuleSetLazily();
ruleSet.prepare?.();
preparePlaceLines(); // as `fahu review` does while the Word file is read
const t1 = performance.now();
const review = reviewOf({ ruleSet }, doc, []);
const t2 = performance.now();
console.log(`load ${(t1 - t0).toFixed(0)} ms  review ${(t2 - t1).toFixed(0)} ms  findings ${review.findings.length}`);
if (process.argv.includes('--again'))
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    reviewOf({ ruleSet }, doc, []);
    console.log(`again ${(performance.now() - t).toFixed(0)} ms`);
  }
