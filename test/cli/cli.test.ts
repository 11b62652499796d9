import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const DRAFT = `关于支持童装企业发展的若干措施
各乡镇人民政府、街道办事处：
一、加大扶持
（一）对新设立的童装企业给予补助。
（二）支持企业参加展会。
本措施自2027年1月1日起施行，有效期2年。
吴兴区人民政府
2026年12月1日
`;

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'fahu-cli-'));
const draftFile = join(dir, '措施.txt');
writeFileSync(draftFile, DRAFT);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fahu CLI', () => {
  it('prints help for the program and for every command', async () => {
    expect((await run(['--help'])).out).toContain('parse');
    for (const c of ['parse', 'review', 'serve']) {
      const r = await run([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`用法：fahu ${c}`);
    }
  });

  it('parse --format text prints metadata and the outline with paths', async () => {
    const r = await run(['parse', draftFile]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('标题：关于支持童装企业发展的若干措施');
    expect(r.out).toContain('施行日期：2027-01-01');
    expect(r.out).toMatch(/\n {2}一、（二） {2}（二）支持企业参加展会。/);
  });

  it('review --format json has the fixed shape and no findings yet', async () => {
    const r = await run(['review', draftFile, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { document: { meta: { title: string }; clauses: { id: string; path: string; text: string; start: number; end: number; parent: string | null }[] }; findings: unknown[] };
    expect(json.findings).toEqual([]);
    expect(json.document.meta.title).toBe('关于支持童装企业发展的若干措施');
    const item = json.document.clauses.find((c) => c.path === '一、（一）');
    expect(item).toMatchObject({ id: 'i1.ii1', parent: 'i1', text: '（一）对新设立的童装企业给予补助。' });
  });

  it('exit code 2 and a Chinese message for usage errors and unreadable input', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    const missing = await run(['parse', join(dir, 'nope.docx')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('找不到文件');
    const badFormat = await run(['parse', draftFile, '--format', 'xml']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toContain('--format');
    const unknownOption = await run(['parse', draftFile, '--colour']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toContain('未知选项');
    // the error first, then one line pointing to --help, not the whole help
    expect(unknownOption.err.split('\n')).toEqual([expect.stringMatching(/^错误：.*未知选项/), '用法见 fahu parse --help']);
    const unknown = await run(['frobnicate']);
    expect(unknown.err.split('\n')).toHaveLength(2);
    expect(unknown.err).toMatch(/^错误：未知命令：frobnicate\n可用的命令：.*parse.*说明见 fahu --help$/);
    const pdf = join(dir, 'scan.pdf');
    writeFileSync(pdf, '%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const r = await run(['parse', pdf]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误：.*PDF/);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('the installed bin reads standard input with "-"', () => {
    const r = spawnSync(process.execPath, ['bin/fahu.js', 'parse', '-', '--format', 'json'], { input: DRAFT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { meta: { issuers: string[] } }).meta.issuers).toEqual(['吴兴区人民政府']);
  });

  it("the installed bin's later optimisation (FAHU_V8_BUDGET) changes no answer of review", () => {
    const review = (budget: string) => spawnSync(process.execPath, ['bin/fahu.js', 'review', 'fixtures/docx/article-typed.docx', '--format', 'json'], { encoding: 'utf8', env: { ...process.env, FAHU_V8_BUDGET: budget } });
    const late = review('600000');
    expect(late.status).toBe(0);
    expect(late.stdout).toBe(review('0').stdout); // V8's default
    expect(review('not a number').stdout).toBe(late.stdout); // ignored
  });

  it('the installed bin exits 2 on empty standard input', () => {
    const r = spawnSync(process.execPath, ['bin/fahu.js', 'parse', '-'], { input: '', encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('错误：');
  });
});
