/**
 * Before/after check of a speed change: every finding of every input, as reviewed by one build, one line per
 * input (name, SHA-256 of the review JSON, finding count). Two builds' snapshots must be identical:
 *
 *   node dist/bench/findings-snapshot.js OLD_ROOT > old.tsv; node dist/bench/findings-snapshot.js . > new.tsv; diff old.tsv new.tsv
 *   (--one-document: the place table filtered by each text, as `fahu review` reads it)
 *
 * ROOT is a checkout with its dist/ built (the comparison imports ROOT/dist/src, so an older build can be
 * snapshotted by this script). Inputs: fixtures/docx (read in-process), fixtures/text, fixtures/eval-docs,
 * /work/shared/eval (docs, dev clauses), the generalisation sets r1–r7 (texts and clause lines; never r8, being
 * written blind). Clause lines are reviewed as pasted text.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '.');
const here = resolve(new URL('../..', import.meta.url).pathname);
const SHARED = '/work/shared/eval';

function filesUnder(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? filesUnder(p, ext) : ext.test(f) ? [p] : [];
    });
}

const sets = ['generalisation', ...[2, 3, 4, 5, 6, 7].map((n) => `generalisation-r${n}`)].map((s) => join(here, 'fixtures', s));
const texts = [join(here, 'fixtures', 'text'), join(here, 'fixtures', 'eval-docs'), join(SHARED, 'docs'), ...sets].flatMap((d) => filesUnder(d, /\.(txt|md)$/));
const docx = filesUnder(join(here, 'fixtures', 'docx'), /\.docx$/);
const clauseFiles = [join(SHARED, 'dev-clauses.jsonl'), ...sets.flatMap((d) => filesUnder(d, /\.jsonl$/))].filter(existsSync);

const imp = (p: string) => import(join(root, 'dist', 'src', p));
// --one-document: the place table as `fahu review` reads it (only the names the texts can hold)
if (process.argv.includes('--one-document')) (await imp('node/place-data.js')).placeDataForOneDocument();
const { createReview } = await imp('review/create-review.js');
const { loadRuleSet } = await imp('node/rule-files.js');
const deps = { ruleSet: loadRuleSet() }; // no segmenter: the rules cut no words (an older build's took one and never cut)
const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
const rel = (p: string) => p.replace(`${here}/`, '');

async function line(name: string, input: Record<string, unknown>): Promise<string> {
  try {
    const { review } = await createReview(deps, { packs: [], ...input });
    return `${name}\t${sha(JSON.stringify(review))}\t${review.findings.length}`;
  } catch (e) {
    return `${name}\terror\t${e instanceof Error ? e.message.slice(0, 80) : String(e)}`;
  }
}

for (const f of docx) console.log(await line(rel(f), { bytes: new Uint8Array(readFileSync(f)), fileName: f }));
for (const f of texts) console.log(await line(rel(f), { bytes: new Uint8Array(readFileSync(f)), fileName: f }));
for (const f of clauseFiles) {
  const lines = readFileSync(f, 'utf8').split('\n').filter((l) => l.trim());
  const out = createHash('sha256');
  let count = 0;
  for (const [i, l] of lines.entries()) {
    let text: unknown;
    try {
      text = (JSON.parse(l) as { text?: unknown }).text;
    } catch {
      continue;
    }
    if (typeof text !== 'string' || !text.trim()) continue;
    out.update(await line(`${i}`, { text }));
    count++;
  }
  console.log(`${rel(f)}\t${out.digest('hex').slice(0, 16)}\t${count} 条`);
}
