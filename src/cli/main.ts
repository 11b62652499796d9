/** `fahu <command>`: dispatch, help, and exit codes (0 ok, 1 findings on --fail-on, 2 bad input or usage). */
import { isIngestError } from '../document/errors.js';
import { isStoreError } from '../store/store-error.js';
import type { Command } from './command.js';
import { InputError, UsageError } from './io.js';

/**
 * `parse` and `review` load from their own module: a short review then loads no store, search
 * index, spreadsheet or calendar code (measured: importing every command costs 2.3–3.3 s under load).
 */
async function commandNamed(name: string): Promise<Command | undefined> {
  if (name === 'parse' || name === 'review') {
    const draft = await import('./draft-commands.js');
    return name === 'parse' ? draft.parseCommand : draft.reviewCommand;
  }
  return (await allCommands()).find((c) => c.name === name);
}

const allCommands = async (): Promise<Command[]> => (await import('./commands.js')).COMMANDS;

const mainHelp = (COMMANDS: Command[]) => `法护 fahu — 行政规范性文件合法性审核与公平竞争审查预审助手

用法：fahu <命令> [参数]

命令：
${COMMANDS.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

每个命令都可加 --help 查看说明，例如：fahu parse --help`;

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(`${s}\n`), err: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(mainHelp(await allCommands()));
    return name ? 0 : 2;
  }
  // a Word file's reader starts now, beside the command's own loading (early-reader.ts)
  if ((name === 'review' || name === 'parse') && !rest.includes('--help') && !rest.includes('-h')) await (await import('./early-reader.js')).startReaderEarly(rest);
  const command = await commandNamed(name);
  if (!command) {
    err(`错误：未知命令：${name}\n可用的命令：${(await allCommands()).map((c) => c.name).join('、')}；说明见 fahu --help`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, out);
  } catch (e) {
    if (isIngestError(e)) {
      err(`错误：${e.userMessage}`);
      return 2;
    }
    // store-error.ts, not store/types.ts: the types pull in zod and the schemas, which would hold up the Word
    // reader's worker that starts before anything else of a review loads (~50–80 ms)
    if (e instanceof InputError || isStoreError(e)) {
      err(`错误：${e.message}`);
      return 2;
    }
    if (e instanceof UsageError || (e instanceof Error && 'code' in e && String((e as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS'))) {
      // the error first, then where the usage is (not the whole help, which would push the error off screen)
      err(`错误：${e instanceof UsageError ? e.message : translateArgError(e as Error)}\n用法见 fahu ${command.name} --help`);
      return 2;
    }
    err(`内部错误：${e instanceof Error ? e.message : String(e)}`);
    return 3;
  }
}

function translateArgError(e: Error): string {
  const unknown = /Unknown option '([^']+)'/.exec(e.message);
  if (unknown) return `未知选项 ${unknown[1]}`;
  const missing = /Option '([^']+)' argument missing/.exec(e.message);
  if (missing) return `选项 ${(missing[1] ?? '').split(',')[0]} 缺少取值`;
  return `参数错误（${e.message}）`;
}
