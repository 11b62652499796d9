/**
 * The shape of src/: data flows one way, so no folder imports a folder that imports it back
 * (type imports count: they tie the folders as much); the server reaches the core only through
 * the review pipeline (review/) and the stores, importing the rest as types at most; inside
 * server/, the kit and each feature stand alone, and no page imports an API module.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(p) ? [p] : [];
  });
}

/** Relative imports of every file under src/, resolved to the file they name. */
function edges(): Edge[] {
  return files('src').flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    return [...source.matchAll(/^(import|export)\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/gm)].map((m) => ({
      from: file,
      to: normalize(join(dirname(file), (m[3] ?? m[4]) as string)).replace(/\.js$/, ''),
      typeOnly: m[2] !== undefined,
    }));
  });
}

const folderOf = (path: string) => relative('src', path).split('/')[0] as string;
const ALL = edges();

/** Folder pairs a → b (a imports b) with one file that does it. */
function folderGraph(pick: (e: Edge) => [string, string] | null): Map<string, Map<string, string>> {
  const g = new Map<string, Map<string, string>>();
  for (const e of ALL) {
    const pair = pick(e);
    if (!pair || pair[0] === pair[1]) continue;
    if (!g.has(pair[0])) g.set(pair[0], new Map());
    g.get(pair[0])?.set(pair[1], e.from);
  }
  return g;
}

/** Every loop of the graph as "a → b → … → a", each found once from its smallest member. */
function loops(g: Map<string, Map<string, string>>): string[] {
  const out = new Set<string>();
  const walk = (start: string, at: string, path: string[]) => {
    for (const next of g.get(at)?.keys() ?? []) {
      if (next === start) out.add([...path, start].join(' → '));
      else if (!path.includes(next) && next > start) walk(start, next, [...path, next]);
    }
  };
  for (const start of g.keys()) walk(start, start, [start]);
  return [...out];
}

describe('the folders of src/', () => {
  it('has imports to check', () => {
    expect(ALL.length).toBeGreaterThan(300);
  });

  it('form no import loops', () => {
    const g = folderGraph((e) => [folderOf(e.from), folderOf(e.to)]);
    expect(g.get('server')?.has('review')).toBe(true); // the graph is real
    expect(loops(g)).toEqual([]);
  });

  it('server/ reaches the core only through review/ and the stores (other core folders as types only)', () => {
    const THROUGH = new Set(['review', 'store', 'desk', 'cleanup', 'decisions', 'local-texts', 'server']);
    const wrong = ALL.filter((e) => e.from.startsWith('src/server/') && !e.typeOnly && !THROUGH.has(folderOf(e.to))).map((e) => `${e.from} → ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it('server/: the kit imports no feature, and the features import neither each other nor the app', () => {
    const area = (p: string) => {
      const parts = relative('src/server', p).split('/');
      return parts.length > 1 ? (parts[0] as string) : `(root)/${parts[0]}`;
    };
    const inServer = ALL.filter((e) => e.from.startsWith('src/server/') && e.to.startsWith('src/server/'));
    const SHARED = new Set(['kit', 'assets', '(root)/env', '(root)/auth']);
    const wrong = inServer
      .filter((e) => {
        const [from, to] = [area(e.from), area(e.to)];
        if (from === to || SHARED.has(to)) return from === 'kit' && !SHARED.has(to);
        if (from.startsWith('(root)')) return false; // the app and the OpenAPI document put the features together
        return !(from === 'reviews' && to === '(root)/openapi'); // /api/openapi.json serves the document
      })
      .map((e) => `${e.from} → ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it('no page imports an API module', () => {
    const isApi = (p: string) => /\/(api|openapi)$/.test(p) || p === 'src/server/openapi';
    const pages = ALL.filter((e) => e.from.startsWith('src/server/') && !isApi(e.from.replace(/\.tsx?$/, '')) && !/\/app\.ts$/.test(e.from));
    expect(pages.filter((e) => isApi(e.to)).map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });
});
