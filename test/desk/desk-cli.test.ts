import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarCommand, deskCommand, type DeskAccess } from '../../src/cli/desk-commands.js';
import { UsageError } from '../../src/cli/io.js';
import { deskFixture, type DeskFixture } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'fahu-desk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `fahu …` from source in a child process, on an empty DATA_DIR. */
function fahu(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/store/cli-entry.ts', ...args], { encoding: 'utf8', env: { ...process.env, DATA_DIR: join(dir, 'data') }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('fahu calendar add (real process)', { timeout: 120_000 }, () => {
  it('prints the due date with its explanation; counting starts the day after receipt', () => {
    const r = fahu(['calendar', 'add', '2026-09-28', '15']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe('到期日：2026-10-23\n2026-09-28 收件，15个工作日，国庆假期顺延，2026-10-23 到期\n其中 10月10日（周六）调休上班，计入工作日\n');
  });

  it('exits 2 with a Chinese message on a bad date, no stack trace', () => {
    const r = fahu(['calendar', 'add', '2026-02-30', '5']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('错误：日期无效：2026-02-30');
    expect(r.err).not.toMatch(/at .+\.ts:\d+/);
  });
});

describe('calendar and desk commands (in-process, memory store)', () => {
  let f: DeskFixture;
  let access: DeskAccess;
  let out: string[];
  const run = async (cmd: ReturnType<typeof deskCommand>, args: string[]) => {
    out = [];
    const code = await cmd.run(args, (s) => out.push(s));
    return { code, text: out.join('\n') };
  };
  beforeEach(async () => {
    f = await deskFixture('2026-12-21');
    access = { open: async () => ({ desk: f.desk, close: () => undefined, file: ':memory:' }) };
  });
  afterEach(() => f.close());

  it('add, list, step and an illegal step', async () => {
    const desk = deskCommand(access);
    const added = await run(desk, ['add', '--department', '区市场监管局', '--title', '年底送审件', '--type', 'both', '--priority']);
    expect(added.code).toBe(0);
    expect(added.text).toContain('已登记送审件 #1：年底送审件');
    expect(added.text).toContain('注意：该年度节假日安排尚未发布');
    const list = await run(desk, ['list']);
    expect(list.text).toContain('#1 年底送审件（区市场监管局）［优先］');
    expect(list.text).toContain('合法性审核和公平竞争审查｜收件｜承办：未分配｜到期：2026-12-28【正常，剩余 5 个工作日】');
    expect(list.text).toContain('共 1 件');
    await expect(run(desk, ['step', '1', 'close'])).rejects.toThrow('送审件当前为“收件”，不能“办结”');
    expect((await run(desk, ['step', '#1', 'start'])).text).toContain('#1 年底送审件：审查中');
    await expect(run(desk, ['step', '1', 'fly'])).rejects.toThrow(UsageError);
    const json = JSON.parse((await run(desk, ['list', '--format', 'json'])).text) as { id: number; status: string }[];
    expect(json.map((r) => [r.id, r.status])).toEqual([[1, 'reviewing']]);
  });

  it('void needs a reason and hides the request from the list; purge needs the typed phrase and removes only the old voided ones', async () => {
    const desk = deskCommand(access);
    await run(desk, ['add', '--department', '区测试局', '--title', '测试件']);
    await run(desk, ['add', '--department', '区教育局', '--title', '保留件']);
    await expect(run(desk, ['void', '1'])).rejects.toThrow('作废须填写理由');
    expect((await run(desk, ['void', '#1', '--reason', '测试数据'])).text).toBe('已作废送审件 #1：测试件（理由：测试数据）');
    expect((await run(desk, ['list', '--all'])).text).not.toContain('测试件');
    await expect(run(desk, ['purge', '--older-than', '1', '--confirm', '删'])).rejects.toThrow('请输入“永久删除”以确认');
    expect((await run(desk, ['purge', '--older-than', '1', '--confirm', '永久删除'])).text).toContain('送审件 0 件');
    f.clock.t += 2 * 86_400_000;
    expect((await run(desk, ['purge', '--older-than', '1', '--confirm', '永久删除'])).text).toContain('送审件 1 件');
    expect(await f.desk.getRequest(1)).toBeNull();
    expect((await f.desk.getRequest(2))?.title).toBe('保留件');
    await expect(run(desk, ['restore', '2'])).rejects.toThrow('没有作废');
  });

  it('loads a year from a list file, then the warning is gone', async () => {
    const file = join(dir, '2027.txt');
    writeFileSync(file, '2027-01-01 休 元旦\n');
    const cal = calendarCommand(access);
    const loaded = await run(cal, ['load', file]);
    expect(loaded.text).toBe('已导入 2027 年节假日安排：放假 1 天，调休上班 0 天。');
    const add = await run(cal, ['add', '2026-12-31', '1']);
    expect(add.text).toBe('到期日：2027-01-04\n2026-12-31 收件，1个工作日，元旦假期顺延，2027-01-04 到期');
    expect((await run(cal, ['years'])).text).toContain('2027\t1 天\t0 天\t管理员导入');
    writeFileSync(file, '2027-01-05 班\n');
    await expect(run(cal, ['load', file])).rejects.toThrow('第 1 行：2027-01-05（周二） 本来就是工作日');
  });

  it('writes the bimonthly report as Markdown', async () => {
    await f.desk.createRequest({ department: '区商务局', title: '甲', reviewType: 'fair' }, null);
    const r = await run(deskCommand(access), ['report', '--kind', 'bimonthly', '--year', '2026', '--n', '6']);
    expect(r.text).toContain('# 行政规范性文件审查工作2026年11—12月双月报告');
    expect(r.text).toContain('| 收件 | 1 |');
    await expect(run(deskCommand(access), ['report', '--from', '2026-12-01'])).rejects.toThrow('--from 和 --to 须同时给出');
  });
});
