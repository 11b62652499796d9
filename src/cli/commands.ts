/** The CLI commands: each has its help text and a run function returning the exit code. */
import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { UsageError } from './io.js';
import { parseCommand, reviewCommand } from './draft-commands.js';
import { annotateCommand, diffCommand } from './opinion-commands.js';
import { cleanupCommand } from './cleanup-commands.js';
import { calendarCommand, deskCommand } from './desk-commands.js';
import { checkCommand, evalCommand, rulesCommand } from './rules-commands.js';
import { tokenCommand } from './token-commands.js';
import { userCommand } from './user-commands.js';
import { decisionsCommand, searchCommand } from './decision-commands.js';
export { parseCommand, reviewCommand };
import { corpusCommand } from './corpus-commands.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: '启动本机服务（默认 http://127.0.0.1:8787）',
  help: `用法：fahu serve [--port 端口] [--host 地址]

启动法护服务。环境变量 PORT、HOST 也可设置端口和地址。

选项：
  --port 端口    默认 8787；0 表示任选一个空闲端口
  --host 地址    默认 127.0.0.1
  -h, --help     显示本帮助`,
  async run(args, out) {
    const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } } });
    const port = Number(values.port ?? process.env.PORT ?? 8787);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`端口无效：${values.port ?? process.env.PORT}`);
    const host = values.host ?? process.env.HOST ?? '127.0.0.1';
    const { startServer } = await import('../node/serve.js');
    await startServer({ port, host, log: out });
    return new Promise<number>(() => {}); // runs until stopped
  },
};

export const COMMANDS: Command[] = [parseCommand, reviewCommand, checkCommand, evalCommand, rulesCommand, serveCommand, annotateCommand, diffCommand, userCommand(), tokenCommand, decisionsCommand, searchCommand, cleanupCommand(), calendarCommand(), deskCommand(), corpusCommand];
