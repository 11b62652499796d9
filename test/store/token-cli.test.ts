/** `fahu token add|list|revoke` against a real SQLite file; the token then signs API requests. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/node/open-store.js';
import { fastHasher } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'fahu-tokens-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fahu(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/store/cli-entry.ts', ...args], { encoding: 'utf8', env: { ...process.env, DATA_DIR: dir }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  const opened = await openStore({ dir, hasher: fastHasher });
  await opened.store.createUser({ name: 'liwei', role: 'reviewer', password: 'reviewer-pass' }, null);
  opened.close();
});

describe('fahu token', { timeout: 120_000 }, () => {
  it('adds a token shown once, lists it without the secret, and revokes it', async () => {
    const added = fahu(['token', 'add', '--name', '部门脚本', 'liwei']);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    const token = /^(fahu_\S+)$/m.exec(added.out)?.[1];
    expect(token).toBeDefined();

    const opened = await openStore({ dir, hasher: fastHasher });
    try {
      expect((await opened.store.verifyApiToken(token as string))?.name).toBe('liwei');
    } finally {
      opened.close();
    }

    const list = fahu(['token', 'list', 'liwei']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^1\t部门脚本\t\d{4}-.*\t/m);
    expect(list.out).not.toContain(token as string);

    expect(fahu(['token', 'revoke', 'liwei', '1']).code).toBe(0);
    expect(fahu(['token', 'list', 'liwei']).out).toContain('没有访问令牌');
  });

  it('refuses unknown users, unknown tokens and bad usage with exit code 2 in Chinese', () => {
    const unknownUser = fahu(['token', 'add', 'nobody']);
    expect(unknownUser.code).toBe(2);
    expect(unknownUser.err).toContain('没有用户 nobody');
    const unknownToken = fahu(['token', 'revoke', 'liwei', '99']);
    expect(unknownToken.code).toBe(2);
    expect(unknownToken.err).toContain('没有这个访问令牌');
    expect(fahu(['token', 'revoke', 'liwei', 'x']).code).toBe(2);
    expect(fahu(['token']).code).toBe(2);
    const help = fahu(['token', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Authorization: Bearer');
    // five CLI processes: on a loaded 2-core machine each takes several seconds to start
  }, 120_000);
});
