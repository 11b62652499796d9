/** The CLI commands: each has its help text and a run function returning the exit code. */
import { parseArgs } from 'node:util';
import { ingestBytes } from '../ingest/ingest.js';
import { withLimits } from '../ingest/limits.js';
import { isolatedDocxReader } from '../node/isolated-docx-reader.js';
import { documentJson, reviewJson } from '../report/document-json.js';
import { outlineText } from '../report/outline-text.js';
import { readInput, UsageError } from './io.js';

export interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: string[], out: (s: string) => void): Promise<number>;
}

function formatOption(value: string | undefined, allowed: string[], fallback: string): string {
  const v = value ?? fallback;
  if (!allowed.includes(v)) throw new UsageError(`--format 只能是 ${allowed.join('、')}，收到 ${v}`);
  return v;
}

async function loadDocument(file: string | undefined) {
  if (!file) throw new UsageError('缺少文件参数（文件路径，或 - 表示标准输入）');
  const limits = withLimits();
  const input = await readInput(file, limits);
  return ingestBytes(input.bytes, { ...(input.fileName ? { fileName: input.fileName } : {}), readDocx: isolatedDocxReader });
}

export const parseCommand: Command = {
  name: 'parse',
  summary: '解析文件，输出元数据和条款结构',
  help: `用法：fahu parse 文件 [--format text|json]

解析 .docx、.txt 或 .md 文件（- 表示从标准输入读取），输出文件元数据
（标题、文号、发文机关、日期、施行日期、有效期、附件、废止文件）和条款树。

选项：
  --format text|json   输出格式，默认 text（缩进大纲，每行带路径）
  -h, --help           显示本帮助

退出码：0 成功；2 输入无法读取或参数错误。`,
  async run(args, out) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' } } });
    const format = formatOption(values.format, ['text', 'json'], 'text');
    const doc = await loadDocument(positionals[0]);
    out(format === 'json' ? JSON.stringify(documentJson(doc), null, 2) : outlineText(doc));
    return 0;
  },
};

export const reviewCommand: Command = {
  name: 'review',
  summary: '审查文件，输出条款结构和发现的问题',
  help: `用法：fahu review 文件 [--format text|json]

对文件进行合法性与公平竞争预审。规则引擎尚未启用：目前输出解析后的大纲
和 0 条问题；JSON 结构已固定为
  { document: { meta, clauses: [{ id, path, text, start, end, parent }] }, findings: [] }

选项：
  --format text|json   输出格式，默认 text
  -h, --help           显示本帮助

退出码：0 成功；2 输入无法读取或参数错误。`,
  async run(args, out) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' } } });
    const format = formatOption(values.format, ['text', 'json'], 'text');
    const doc = await loadDocument(positionals[0]);
    if (format === 'json') out(JSON.stringify(reviewJson(doc), null, 2));
    else out(`${outlineText(doc)}\n\n发现问题：0 条（规则引擎尚未启用）`);
    return 0;
  },
};

export const serveCommand: Command = {
  name: 'serve',
  summary: '启动本机服务（默认 http://127.0.0.1:8787）',
  help: `用法：fahu serve [--port 端口] [--host 地址]

启动法护服务。环境变量 PORT、HOST 也可设置端口和地址。

选项：
  --port 端口    默认 8787
  --host 地址    默认 127.0.0.1
  -h, --help     显示本帮助`,
  async run(args, out) {
    const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } } });
    const port = Number(values.port ?? process.env.PORT ?? 8787);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new UsageError(`端口无效：${values.port ?? process.env.PORT}`);
    const host = values.host ?? process.env.HOST ?? '127.0.0.1';
    const { startServer } = await import('../node/serve.js');
    await startServer({ port, host, log: out });
    return new Promise<number>(() => {}); // runs until stopped
  },
};

export const COMMANDS: Command[] = [parseCommand, reviewCommand, serveCommand];
