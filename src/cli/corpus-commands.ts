/** `fahu corpus import|list|void`: the section's own legal texts, in the database under DATA_DIR. */
import { parseArgs } from 'node:util';
import { withLimits } from '../document/limits.js';
import { importLocalText } from '../local-texts/import.js';
import { LocalTextStore } from '../local-texts/local-text-store.js';
import { isolatedDocxReader } from '../node/isolated-docx-reader.js';
import { closeReaderWorkers } from '../node/reader-pool.js';
import type { Command } from './command.js';
import { withStore } from './data-store.js';
import { readInput, UsageError } from './io.js';

const HELP = `用法：fahu corpus import 文件 [--title 标题] [--doc-number 文号] [--issuer 制定机关] [--issued YYYY-MM-DD] [--effective YYYY-MM-DD]
      fahu corpus list [--all]
      fahu corpus void 编号 --reason 理由

管理本科室自行导入的法规和规范性文件文本（如浙江省行政规范性文件管理办法）。导入的
文本保存在 DATA_DIR（默认 ./data）下的数据库中，审查工作台和规则即可引用其条文；
只有人工导入的文本才会进入本库。

子命令：
  import   导入 .docx、.txt 或 .md 文件：读取标题、文号、制定机关、发布和施行日期，
           按“第X条”或“一、（一）”拆分条款；选项可改写读出的元数据
  list     列出已导入的文本（--all 含已作废的）
  void     作废一件文本（须写理由；记录保留，不再被引用）

选项：
  --title 标题            标题（默认取文件中读出的）
  --doc-number 文号       文号
  --issuer 制定机关       制定机关
  --issued YYYY-MM-DD     发布日期
  --effective YYYY-MM-DD  施行日期
  --all                   list 时包含已作废的文本
  --reason 理由           作废理由
  -h, --help              显示本帮助

退出码：0 成功；2 文件无法读取、未识别出条款或参数错误。`;

export const corpusCommand: Command = {
  name: 'corpus',
  summary: '导入和管理本地法规文本（import、list、void）',
  help: HELP,
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub !== 'import' && sub !== 'list' && sub !== 'void') throw new UsageError(sub ? `未知子命令：${sub}` : '缺少子命令（import、list 或 void）');
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        title: { type: 'string' }, 'doc-number': { type: 'string' }, issuer: { type: 'string' }, issued: { type: 'string' }, effective: { type: 'string' },
        all: { type: 'boolean' }, reason: { type: 'string' },
      },
    });
    if (sub === 'list') {
      if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
      return withStore(async (store) => {
        const texts = await new LocalTextStore(store).list({ includeVoided: values.all === true });
        if (texts.length === 0) {
          out('还没有导入本地法规文本。导入：fahu corpus import 文件');
          return 0;
        }
        out(['编号\t标题\t文号\t条数\t导入人\t导入时间\t状态', ...texts.map((t) => `${t.id}\t${t.title}\t${t.docNumber || '—'}\t${t.articles.length}\t${t.importedByName}\t${t.importedAt}\t${t.voidedAt ? `已作废（${t.voidReason ?? ''}）` : '有效'}`)].join('\n'));
        return 0;
      });
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `多余的参数：${positionals.slice(1).join(' ')}` : sub === 'import' ? '缺少文件参数' : '缺少编号');
    const target = positionals[0] as string;
    if (sub === 'void') {
      const id = Number(target);
      if (!Number.isInteger(id) || id <= 0) throw new UsageError(`编号无效：${target}`);
      if (!values.reason?.trim()) throw new UsageError('作废须用 --reason 写明理由');
      return withStore(async (store) => {
        const t = await new LocalTextStore(store).void(id, { reason: values.reason as string }, null);
        out(`已作废《${t.title}》（编号 ${t.id}），理由：${t.voidReason ?? ''}。记录保留，不再被引用。`);
        return 0;
      });
    }
    const input = await readInput(target, withLimits());
    const meta = {
      ...(values.title !== undefined ? { title: values.title } : {}),
      ...(values['doc-number'] !== undefined ? { docNumber: values['doc-number'] } : {}),
      ...(values.issuer !== undefined ? { issuer: values.issuer } : {}),
      ...(values.issued !== undefined ? { issued: values.issued } : {}),
      ...(values.effective !== undefined ? { effective: values.effective } : {}),
    };
    try {
      return await withStore(async (store, { file }) => {
        const t = await importLocalText({ store, readDocx: isolatedDocxReader }, { bytes: input.bytes, fileName: input.fileName, meta }, null);
        out(`已导入《${t.title}》（编号 ${t.id}${t.docNumber ? `，${t.docNumber}` : ''}），共 ${t.articles.length} 条：${t.articles.slice(0, 5).map((a) => a.article).join('、')}${t.articles.length > 5 ? '……' : ''}（数据库：${file}）`);
        return 0;
      });
    } finally {
      await closeReaderWorkers();
    }
  },
};
