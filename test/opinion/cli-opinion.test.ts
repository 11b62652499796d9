import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'fahu-cli-opinion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fahu review --format docx, annotate, diff', () => {
  it('writes the opinion and the commented draft', async () => {
    const opinion = join(dir, '审查意见书.docx');
    const r = await run(['review', 'fixtures/docx/article-typed.docx', '--format', 'docx', '--out', opinion, '--conclusion', '修改后可以出台', '--department', '区经信局']);
    expect(r.code).toBe(0);
    const text = (await mammoth.extractRawText({ path: opinion })).value;
    expect(text).toContain('区经信局：');
    expect(text).toContain('三、修改意见');
    const annotated = join(dir, '批注稿.docx');
    const a = await run(['annotate', 'fixtures/docx/article-typed.docx', '--out', annotated, '--tracked']);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/批注 \d+ 条/);
    expect(readFileSync(annotated).subarray(0, 2).toString()).toBe('PK');
  });

  it('diff prints the comparison as text and JSON', async () => {
    const t = await run(['diff', 'fixtures/diff/v1-送审稿.txt', 'fixtures/diff/v2-修改稿.txt']);
    expect(t.code).toBe(0);
    expect(t.out).toContain('【义务弱化】');
    const j = await run(['diff', 'fixtures/diff/v1-送审稿.txt', 'fixtures/diff/v2-修改稿.txt', '--format', 'json']);
    expect(JSON.parse(j.out).counts.split).toBe(1);
  });

  it('diff of two unrelated documents prints one note, not a wall of noise', async () => {
    const t = await run(['diff', 'fixtures/diff/v1-送审稿.txt', 'fixtures/text/demo-review.txt']);
    expect(t.code).toBe(0);
    expect(t.out).toContain('两份文件差异过大');
    expect(t.out).not.toContain('【义务弱化】');
    expect(t.out.split('\n').length).toBeLessThan(15);
    const j = JSON.parse((await run(['diff', 'fixtures/diff/v1-送审稿.txt', 'fixtures/text/demo-review.txt', '--format', 'json'])).out);
    expect(j).toMatchObject({ tooDifferent: true, changes: [] });
  });

  it('exits 2 with a Chinese message on bad input', async () => {
    const corrupt = await run(['annotate', 'fixtures/bad/corrupt.docx', '--out', join(dir, 'x.docx')]);
    expect(corrupt.code).toBe(2);
    expect(corrupt.err).toMatch(/错误：.*Word/);
    const corruptDiff = await run(['diff', 'fixtures/bad/corrupt.docx', 'fixtures/diff/v2-修改稿.txt']);
    expect(corruptDiff.code).toBe(2);
    // refused as review refuses it: the same Chinese message, whichever side it is on
    const corruptReview = await run(['review', 'fixtures/bad/corrupt.docx']);
    expect(corruptReview.code).toBe(2);
    expect(corruptDiff.err).toBe(corruptReview.err);
    expect((await run(['diff', 'fixtures/diff/v1-送审稿.txt', 'fixtures/bad/corrupt.docx'])).err).toBe(corruptReview.err);
    const one = await run(['diff', 'fixtures/diff/v1-送审稿.txt']);
    expect(one.code).toBe(2);
    expect(one.err).toContain('需要两个文件');
    const noOut = await run(['review', 'fixtures/text/demo-review.txt', '--format', 'docx']);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('--out');
    const noOutAnnotate = await run(['annotate', 'fixtures/text/demo-review.txt']);
    expect(noOutAnnotate.code).toBe(2);
    // a legacy .doc is read now (word-extractor): its commented draft is a .docx built from its text
    const legacy = await run(['annotate', 'fixtures/bad/legacy.doc', '--out', join(dir, 'y.docx')]);
    expect(legacy.code).toBe(0);
    expect(readFileSync(join(dir, 'y.docx')).subarray(0, 2).toString()).toBe('PK');
  });
});
