/** `fahu corpus import|list|void` in a real process on an empty DATA_DIR. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'fahu-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FIXTURE = 'test/fixtures/local-texts/validity-test-fixture.txt';

function fahu(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/store/cli-entry.ts', ...args], { encoding: 'utf8', env: { ...process.env, DATA_DIR: join(dir, 'data') }, timeout: 90_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('fahu corpus (real process)', { timeout: 240_000 }, () => {
  it('imports a text file, lists it, refuses it twice, voids it with a reason', () => {
    const r = fahu(['corpus', 'import', FIXTURE, '--effective', '2026-01-02']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已导入《浙江省行政规范性文件管理办法（测试样例）》（编号 1，测试〔2026〕1号），共 3 条：第一条、第二条、第三条');
    const again = fahu(['corpus', 'import', FIXTURE]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('错误：该文本已导入（编号 1）');
    const list = fahu(['corpus', 'list']);
    expect(list.out).toMatch(/1\t浙江省行政规范性文件管理办法（测试样例）\t测试〔2026〕1号\t3\t命令行\t.+\t有效/);
    expect(fahu(['corpus', 'void', '1']).code).toBe(2);
    const v = fahu(['corpus', 'void', '1', '--reason', '测试完毕']);
    expect(v.code).toBe(0);
    expect(fahu(['corpus', 'list']).out).toContain('还没有导入');
    expect(fahu(['corpus', 'list', '--all']).out).toContain('已作废（测试完毕）');
  });

  it('imports a Word file with its articles', async () => {
    const lines = ['某某市测试办法（测试样例）', '某测〔2026〕2号', '第一条 【测试样例】为了测试，制定本办法。', '第二条 【测试样例】本办法自2026年3月1日起施行。', '某某市人民政府', '2026年2月1日'];
    const file = join(dir, '测试办法.docx');
    writeFileSync(file, await Packer.toBuffer(new Document({ sections: [{ children: lines.map((t) => new Paragraph(t)) }] })));
    const r = fahu(['corpus', 'import', file]);
    expect(r.err).toBe('');
    expect(r.out).toContain('已导入《某某市测试办法（测试样例）》');
    expect(r.out).toContain('共 2 条：第一条、第二条');
  });

  it('exits 2 with a Chinese message for an empty file, a corrupt .docx, a bad date and a missing file', () => {
    for (const [args, message] of [
      [['corpus', 'import', 'fixtures/bad/empty.txt'], /错误：.*(空|没有)/],
      [['corpus', 'import', 'fixtures/bad/corrupt.docx'], /错误：/],
      [['corpus', 'import', FIXTURE, '--issued', '2026/01/01'], /错误：发布日期格式应为 YYYY-MM-DD/],
      [['corpus', 'import'], /错误：缺少文件参数\n用法见 fahu corpus --help/],
      [['corpus', 'frob'], /错误：未知子命令：frob/],
    ] as const) {
      const r = fahu([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/at .+\.ts:\d+/);
    }
  });
});
