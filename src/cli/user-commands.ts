/** `fahu user add|list|passwd`: accounts of the workbench, in the SQLite database under DATA_DIR. */
import { parseArgs } from 'node:util';
import { ROLE_LABELS, type Role } from '../store/types.js';
import type { Command } from './command.js';
import { withStore } from './data-store.js';
import { InputError, UsageError } from './io.js';
import { stdinPasswordInput, type PasswordInput } from './password-input.js';

const HELP = `用法：fahu user add [--admin|--chief] [--display-name 姓名] 用户名
      fahu user list
      fahu user passwd 用户名

管理审查工作台的账号。数据保存在 DATA_DIR（默认 ./data）下的 fahu.sqlite。
没有默认账号：第一次使用时先创建管理员，例如 fahu user add --admin zhangsan。

在终端中运行时提示输入两次密码（不回显）；不在终端中时（脚本、管道）从标准输入
读取第一行作为密码。密码至少 8 个字符。

子命令：
  add      创建账号，默认角色为科员；--chief 科长（可签发），--admin 管理员
  list     列出全部账号
  passwd   重设密码（该用户已登录的会话和访问令牌随之失效）

选项：
  --admin               创建管理员
  --chief               创建科长
  --display-name 姓名   显示的姓名，默认同用户名
  -h, --help            显示本帮助

退出码：0 成功；2 参数错误、用户名已存在或密码不合要求。`;

function one(positionals: string[], what: string): string {
  if (positionals.length === 0) throw new UsageError(`缺少${what}`);
  if (positionals.length > 1) throw new UsageError(`多余的参数：${positionals.slice(1).join(' ')}`);
  return positionals[0] as string;
}

export function userCommand(input: PasswordInput = stdinPasswordInput): Command {
  return {
    name: 'user',
    summary: '管理工作台账号（add、list、passwd）',
    help: HELP,
    async run(args, out) {
      const [sub, ...rest] = args;
      if (sub !== 'add' && sub !== 'list' && sub !== 'passwd') throw new UsageError(sub ? `未知子命令：${sub}` : '缺少子命令（add、list 或 passwd）');
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: sub === 'add' ? { admin: { type: 'boolean' }, chief: { type: 'boolean' }, 'display-name': { type: 'string' } } : {},
      });

      if (sub === 'list') {
        if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
        return withStore(async (store, { file }) => {
          const users = await store.listUsers();
          if (users.length === 0) {
            out(`还没有账号。创建第一个管理员：npx fahu user add --admin --display-name 姓名 用户名（--display-name 为打印件上署的姓名）\n数据库：${file}（服务器用同一个 DATA_DIR 才能用这个账号登录）`);
            return 0;
          }
          out(['用户名\t姓名\t角色\t状态\t创建时间', ...users.map((u) => `${u.name}\t${u.displayName}\t${ROLE_LABELS[u.role]}\t${u.disabled ? '已停用' : '正常'}\t${u.createdAt}`)].join('\n'));
          return 0;
        });
      }

      const name = one(positionals, '用户名');
      if (sub === 'add') {
        if (values.admin && values.chief) throw new UsageError('--admin 和 --chief 只能选一个');
        const role: Role = values.admin ? 'admin' : values.chief ? 'chief' : 'reviewer';
        const displayName = typeof values['display-name'] === 'string' ? values['display-name'] : undefined;
        return withStore(async (store, { file }) => {
          if (await store.findUserByName(name)) throw new InputError(`用户名 ${name} 已存在`);
          const password = await input.read(true);
          const user = await store.createUser({ name, role, password, ...(displayName ? { displayName } : {}) }, null);
          out(`已创建${ROLE_LABELS[user.role]}账号 ${user.name}（数据库：${file}）。`);
          return 0;
        });
      }

      return withStore(async (store) => {
        const user = await store.findUserByName(name);
        if (!user) throw new InputError(`没有用户 ${name}（用 fahu user list 查看全部账号）`);
        await store.setPassword(user.id, await input.read(true), null);
        out(`已重设 ${user.name} 的密码，其已登录的会话和访问令牌均已失效。`);
        return 0;
      });
    },
  };
}

