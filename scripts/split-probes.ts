/**
 * Splits the generalisation probes (fixtures/generalisation/) into a dev half and a held-out
 * half, at random with a fixed seed, stratified so that both halves cover the same items:
 *
 *   group      a violation's `item` (实施办法第十九条（三）, 优化营商环境条例第六十四条 …),
 *              a lawful clause's `lookalike` (prohibition, open, higher-law, deposit, …)
 *   per group  shuffled with a PRNG seeded from SEED and the group's name; of n ≥ 2 clauses,
 *              round(0.55·n) go to dev (at least one to each half); a single clause goes by the draw
 *
 * It also checks every line: the fixed fields, a category from src/rules/schema.ts, a kind,
 * unique ids and texts, and that a violation's `standard` quotes text that exists in
 * ../shared/legal (everything after its first '：').
 *
 * Usage: npx tsx scripts/split-probes.ts [--dir fixtures/generalisation-r2] [source.jsonl …]
 * --dir names the probe directory (default fixtures/generalisation). Without sources it re-splits
 * that directory's two committed files (the result is the same split).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES } from '../src/rules/schema.js';
import { seededRandom as mulberry32 } from '../bench/seeded-random.js';

const SEED = 'fahu-probes-2026-12';
const DEV_SHARE = 0.55;
const argv = process.argv.slice(2);
const dirAt = argv.indexOf('--dir');
const DIR = dirAt >= 0 ? (argv.splice(dirAt, 2)[1] ?? 'fixtures/generalisation') : 'fixtures/generalisation';
const OUT = { dev: join(DIR, 'clauses-dev.jsonl'), heldout: join(DIR, 'clauses-heldout.jsonl') };
const KINDS = ['policy', 'tender', 'agreement', 'management'];
const FIELDS = ['id', 'text', 'label', 'category', 'standard', 'doc', 'issuer', 'kind', 'item'] as const;

type Probe = Record<(typeof FIELDS)[number], string> & { lookalike?: string; note?: string };

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function shuffled<T>(xs: T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

const legalText = (() => {
  const dir = '../shared/legal';
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
})();

function check(rows: Probe[]): void {
  const problems: string[] = [];
  const ids = new Set<string>();
  const texts = new Set<string>();
  for (const r of rows) {
    for (const f of FIELDS) if (typeof r[f] !== 'string') problems.push(`${r.id}: ${f} 缺失`);
    if (ids.has(r.id)) problems.push(`${r.id}: 编号重复`);
    if (texts.has(r.text)) problems.push(`${r.id}: 条文重复`);
    ids.add(r.id);
    texts.add(r.text);
    if (!KINDS.includes(r.kind)) problems.push(`${r.id}: kind ${r.kind}`);
    if (r.label === 'ok') {
      if (r.category !== 'ok') problems.push(`${r.id}: 合法条款的 category 应为 ok`);
      if (!r.lookalike) problems.push(`${r.id}: 合法条款缺 lookalike`);
    } else if (r.label === 'violation') {
      if (!(CATEGORIES as readonly string[]).includes(r.category)) problems.push(`${r.id}: 未知类别 ${r.category}`);
      if (!r.item) problems.push(`${r.id}: 缺 item`);
      const quoted = r.standard.slice(r.standard.indexOf('：') + 1);
      if (!quoted || (legalText !== undefined && !legalText.includes(quoted))) problems.push(`${r.id}: standard 不是 ../shared/legal 中的原文`);
    } else problems.push(`${r.id}: label ${r.label}`);
  }
  if (problems.length) throw new Error(problems.join('\n'));
}

function split(rows: Probe[]): { dev: Probe[]; heldout: Probe[] } {
  const groups = new Map<string, Probe[]>();
  for (const r of [...rows].sort((a, b) => a.id.localeCompare(b.id))) {
    const key = r.label === 'violation' ? `v:${r.item}` : `o:${r.lookalike}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const dev: Probe[] = [];
  const heldout: Probe[] = [];
  for (const [key, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const rand = mulberry32(hash(`${SEED}/${key}`));
    const order = shuffled(members, rand);
    const n = order.length;
    const toDev = n === 1 ? (rand() < DEV_SHARE ? 1 : 0) : Math.min(n - 1, Math.max(1, Math.round(DEV_SHARE * n)));
    dev.push(...order.slice(0, toDev));
    heldout.push(...order.slice(toDev));
  }
  const byId = (a: Probe, b: Probe) => a.id.localeCompare(b.id);
  return { dev: dev.sort(byId), heldout: heldout.sort(byId) };
}

const read = (file: string): Probe[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Probe);

const sources = argv;
const rows = (sources.length ? sources : [OUT.dev, OUT.heldout]).flatMap(read);
check(rows);
const halves = split(rows);
for (const half of ['dev', 'heldout'] as const) {
  writeFileSync(OUT[half], halves[half].map((r) => JSON.stringify(r)).join('\n') + '\n');
  const v = halves[half].filter((r) => r.label === 'violation');
  console.log(`${OUT[half]}: ${halves[half].length} 条（违规 ${v.length}，合法 ${halves[half].length - v.length}，条目 ${new Set(v.map((r) => r.item)).size}）`);
}
