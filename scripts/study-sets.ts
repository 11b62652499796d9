/**
 * The probe sets the study scripts (compare-drafts, transplant-clauses) read, and which halves of each:
 * the dev half always, the held-out half only where the set carries an OPENED file. A wholly held-out
 * set (no OPENED, an empty dev half — the blind set of the round) thus gives nothing, whatever its name.
 * Default: every fixtures/generalisation* set.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProbeSplit } from '../src/rules/probe-eval.js';

export const probeFiles = { list: (d: string) => { try { return readdirSync(d); } catch { return []; } }, read: (f: string) => readFileSync(f, 'utf8') };

export function studyRoots(args: string[]): string[] {
  if (args.length) return args;
  const round = (name: string) => Number(/-r(\d+)$/.exec(name)?.[1] ?? 1);
  return readdirSync('fixtures').filter((d) => /^generalisation(-r\d+)?$/.test(d)).sort((a, b) => round(a) - round(b)).map((d) => join('fixtures', d));
}

export function readableSplits(root: string): ProbeSplit[] {
  return probeFiles.list(root).includes('OPENED') ? ['dev', 'heldout'] : ['dev'];
}
