/**
 * The draft the load, worker-churn and young-generation benches review: the package's own fixtures (the demo
 * review and the real documents copied to fixtures/eval-docs, not ../shared/eval) joined and cut to `chars`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../src/node/package-root.js';

export function benchDraft(chars = 10_000): string {
  const dir = packagePath('fixtures', 'eval-docs');
  const parts = [readFileSync(packagePath('fixtures', 'text', 'demo-review.txt'), 'utf8'), ...readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(dir, f), 'utf8'))];
  let text = '';
  for (let i = 0; text.length < chars; i++) text += `${parts[i % parts.length] as string}\n`;
  return text.slice(0, chars);
}
