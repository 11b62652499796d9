/**
 * `fahu token add|list|revoke`: API access tokens for scripts, made on the machine that holds
 * the database (the console counts as the administrator). A token is shown once; only its
 * SHA-256 is kept. Users can also make their own on the workbench's 账号 page.
 */
import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { InputError, UsageError } from './io.js';
import { withStore } from './data-store.js';

const HELP = `用法：fahu token add [--name 用途] 用户名
      fahu token list 用户名
      fahu token revoke 用户名 令牌编号

管理访问令牌：脚本调用 JSON 接口时在请求头中提供
  Authorization: Bearer fahu_……
令牌代表其用户，权限与该用户相同；只在创建时显示一次，请妥善保存。

子命令：
  add      为用户创建令牌并显示（--name 说明用途，默认“命令行创建”）
  list     列出用户的令牌（编号、用途、创建时间、最近使用时间）
  revoke   作废一个令牌

退出码：0 成功；2 参数错误或用户、令牌不存在。`;

export const tokenCommand: Command = {
  name: 'token',
  summary: '管理接口访问令牌（add、list、revoke）',
  help: HELP,
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub !== 'add' && sub !== 'list' && sub !== 'revoke') throw new UsageError(sub ? `未知子命令：${sub}` : '缺少子命令（add、list 或 revoke）');
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: sub === 'add' ? { name: { type: 'string' } } : {} });
    const wanted = sub === 'revoke' ? 2 : 1;
    if (positionals.length < wanted) throw new UsageError(sub === 'revoke' ? '缺少用户名或令牌编号' : '缺少用户名');
    if (positionals.length > wanted) throw new UsageError(`多余的参数：${positionals.slice(wanted).join(' ')}`);
    const userName = positionals[0] as string;

    return withStore(async (store) => {
      const user = await store.findUserByName(userName);
      if (!user) throw new InputError(`没有用户 ${userName}（用 fahu user list 查看全部账号）`);
      if (sub === 'add') {
        const label = typeof values.name === 'string' ? values.name : '命令行创建';
        const { id, token } = await store.createApiToken(user.id, label, null);
        out(`已为 ${user.name} 创建访问令牌（编号 ${id}，用途：${label}）。令牌只显示这一次：\n${token}`);
        return 0;
      }
      if (sub === 'list') {
        const tokens = await store.listApiTokens(user.id);
        if (tokens.length === 0) {
          out(`${user.name} 没有访问令牌。创建：npx fahu token add ${user.name}`);
          return 0;
        }
        out(['编号\t用途\t创建时间\t最近使用', ...tokens.map((t) => `${t.id}\t${t.name}\t${t.createdAt}\t${t.lastUsedAt ?? '从未使用'}`)].join('\n'));
        return 0;
      }
      const id = Number(positionals[1]);
      if (!Number.isInteger(id) || id <= 0) throw new UsageError(`令牌编号无效：${positionals[1]}`);
      await store.revokeApiToken(user.id, id, null);
      out(`已作废 ${user.name} 的访问令牌 ${id}。`);
      return 0;
    });
  },
};
