import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/node/open-store.js';
import { fastHasher } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'fahu-users-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `fahu …` from source in a child process with DATA_DIR set and `input` on a piped (not TTY) stdin. */
function fahu(args: string[], input = '', dataDir = dir) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/store/cli-entry.ts', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('fahu user', { timeout: 120_000 }, () => {
  it('adds the first admin with the password read from standard input, creating DATA_DIR', () => {
    const data = join(dir, 'new', 'data');
    const r = fahu(['user', 'add', '--admin', 'zhangsan'], 'admin-password\n', data);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已创建管理员账号 zhangsan');
    expect(r.out).toContain(join(data, 'fahu.sqlite'));
    const list = fahu(['user', 'list'], '', data);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/zhangsan\tzhangsan\t管理员\t正常\t\d{4}-/);
  });

  it('stores a scrypt hash that verifies, and sets roles', async () => {
    expect(fahu(['user', 'add', '--chief', '--display-name', '王芳', 'wangfang'], 'chief-password\r\n').code).toBe(0);
    expect(fahu(['user', 'add', 'liwei'], 'reviewer-pw').code).toBe(0);
    const opened = await openStore({ dir, hasher: fastHasher });
    try {
      const users = await opened.store.listUsers();
      expect(users.map((u) => [u.name, u.displayName, u.role])).toEqual([
        ['liwei', 'liwei', 'reviewer'],
        ['wangfang', '王芳', 'chief'],
      ]);
      const row = await opened.driver.first<{ password_hash: string }>('SELECT password_hash FROM users WHERE name = ?', ['wangfang']);
      expect(row?.password_hash).toMatch(/^scrypt\$/);
      // the CLI hashed with the real parameters; any scrypt hasher verifies them
      expect(await fastHasher.verify('chief-password', row?.password_hash ?? '')).toBe(true);
      expect(await fastHasher.verify('chief-password\r', row?.password_hash ?? '')).toBe(false);
      const audit = await opened.driver.all<{ action: string; detail_json: string }>('SELECT action, detail_json FROM audit_log');
      expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.create']);
      expect(audit[0]?.detail_json).toContain('"via":"cli"');
    } finally {
      opened.close();
    }
  });

  it('refuses short passwords, duplicate names and bad usage with exit code 2', () => {
    const short = fahu(['user', 'add', 'zhaoliu'], '1234567\n');
    expect(short.code).toBe(2);
    expect(short.err).toContain('错误：密码至少 10 个字符');
    expect(short.err).not.toContain('用法');
    expect(fahu(['user', 'add', 'zhaoliu'], '').err).toContain('密码不能为空');
    const dup = fahu(['user', 'add', 'LIWEI'], 'another-password\n');
    expect(dup.code).toBe(2);
    expect(dup.err).toContain('用户名 LIWEI 已存在');
    const both = fahu(['user', 'add', '--admin', '--chief', 'x'], 'password-123\n');
    expect(both.code).toBe(2);
    expect(both.err).toContain('只能选一个');
    expect(fahu(['user', 'add'], '').err).toContain('缺少用户名');
    expect(fahu(['user', 'add', 'a b'], 'password-123\n').err).toContain('用户名只能包含');
    expect(fahu(['user', 'remove', 'x']).code).toBe(2);
    expect(fahu(['user']).err).toContain('缺少子命令');
    expect(fahu(['user', 'list', '--all']).err).toContain('未知选项 --all');
    expect(fahu(['user', '--help']).out).toContain('用法：fahu user add');
    // eleven CLI processes: on a loaded 2-core machine each takes several seconds to start
  }, 120_000);

  it('passwd resets a password and says so; unknown users are refused', async () => {
    const r = fahu(['user', 'passwd', 'liwei'], 'brand-new-password\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已重设 liwei 的密码');
    const opened = await openStore({ dir, hasher: fastHasher });
    try {
      expect(await opened.store.authenticate('liwei', 'brand-new-password')).not.toBeNull();
      expect(await opened.store.authenticate('liwei', 'reviewer-pw')).toBeNull();
    } finally {
      opened.close();
    }
    const unknown = fahu(['user', 'passwd', 'nobody'], 'brand-new-password\n');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('没有用户 nobody');
  });

  it('list on an empty database tells how to create the first admin', () => {
    const r = fahu(['user', 'list'], '', join(dir, 'empty'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('npx fahu user add --admin --display-name 姓名 用户名');
    expect(r.out).toContain('DATA_DIR');
  });
});
