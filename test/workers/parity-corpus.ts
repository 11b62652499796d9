/**
 * The texts on which Workers and Node must give the same findings (issue 16, done-when 2): every
 * fixture, the dev clauses, and the probes — both halves of fixtures/generalisation and generalisation-r2 to r5 (clauses
 * and drafts; only ids are ever printed, never a held-out text) and the lawful real documents
 * of ../shared/eval/docs. Read on Node (node:fs); the workerd test gets them through vitest's
 * provide/inject (./parity-setup.ts), the Node test (./jieba-wasm.test.ts) directly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ParityInput {
  id: string;
  /** fragment: a clause on its own; text: a whole plain-text document; file: base64 of a file's bytes (ingestBytes) */
  kind: 'fragment' | 'text' | 'file';
  content: string;
  /** The file's name (kind file). */
  fileName?: string;
}

const ROOT = join(import.meta.dirname, '..', '..');
const FIX = join(ROOT, 'fixtures');
const SHARED = join(ROOT, '..', 'shared', 'eval');

const jsonl = (file: string) => readFileSync(file, 'utf8').trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { id: string; text: string });
const files = (dir: string, ext: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(ext)).sort() : []);

export interface ParityCorpus {
  inputs: ParityInput[];
  /** How many inputs each source gave (printed by the tests). */
  sources: Record<string, number>;
}

export function parityCorpus(): ParityCorpus {
  const inputs: ParityInput[] = [];
  const sources: Record<string, number> = {};
  const add = (source: string, items: ParityInput[]) => {
    sources[source] = items.length;
    inputs.push(...items);
  };
  for (const set of ['generalisation', 'generalisation-r2', 'generalisation-r3', 'generalisation-r4', 'generalisation-r5']) {
    for (const half of ['dev', 'heldout']) {
      const clauses = join(FIX, set, `clauses-${half}.jsonl`);
      add(`${set}/clauses-${half}`, existsSync(clauses) ? jsonl(clauses).map((c) => ({ id: `${set}:${c.id}`, kind: 'fragment' as const, content: c.text })) : []);
      const drafts = join(FIX, set, 'drafts', half);
      add(`${set}/drafts/${half}`, files(drafts, '.txt').map((f) => ({ id: `${set}/drafts/${half}/${f}`, kind: 'text' as const, content: readFileSync(join(drafts, f), 'utf8') })));
    }
  }
  add('fixtures/eval-docs', files(join(FIX, 'eval-docs'), '.txt').map((f) => ({ id: `eval-docs/${f}`, kind: 'text' as const, content: readFileSync(join(FIX, 'eval-docs', f), 'utf8') })));
  const file = (dir: string) => (f: string): ParityInput => ({ id: `${dir}/${f}`, kind: 'file', content: readFileSync(join(FIX, dir, f)).toString('base64'), fileName: f });
  add('fixtures/text', files(join(FIX, 'text'), '').map(file('text')));
  add('fixtures/docx', files(join(FIX, 'docx'), '.docx').map(file('docx')));
  const dev = join(SHARED, 'dev-clauses.jsonl');
  add('../shared/eval/dev-clauses', existsSync(dev) ? jsonl(dev).map((c) => ({ id: `shared:${c.id}`, kind: 'fragment' as const, content: c.text })) : []);
  const docs = join(SHARED, 'docs');
  add('../shared/eval/docs', files(docs, '.txt').map((f) => ({ id: `shared-docs/${f}`, kind: 'text' as const, content: readFileSync(join(docs, f), 'utf8') })));
  return { inputs, sources };
}

/** True when ../shared is there (a clean clone has no ../shared: the tests then compare the fixtures alone). */
export const HAS_SHARED = existsSync(join(SHARED, 'dev-clauses.jsonl'));
