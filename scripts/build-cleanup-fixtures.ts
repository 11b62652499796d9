/**
 * Builds the cleanup-campaign fixtures under fixtures/cleanup/: inventories (.csv in UTF-8 with
 * BOM and in GB18030, .xlsx written with exceljs, and bad ones with known bad rows) and the
 * texts to attach (.txt and one .docx). Deterministic: the same content gives the same bytes.
 *
 *   npx tsx scripts/build-cleanup-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { rezip, stabiliseDocxParts } from './fixtures/common.js';
import { toGb18030 } from './fixtures/text.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cleanup');

function write(rel: string, data: Buffer | string): void {
  const p = join(ROOT, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, data);
  console.log(`  ${rel.padEnd(44)} ${String(typeof data === 'string' ? Buffer.byteLength(data) : data.length).padStart(7)} bytes`);
}

/** The inventory: title, 文号, issuer, issue date (as typed, in several forms), 有效期, department. */
export const INVENTORY: [string, string, string, string, string, string][] = [
  ['关于支持童装企业做大做强的若干意见', '湖吴政发〔2021〕15号', '吴兴区人民政府', '2021-05-10', '5年', '区经信局'],
  ['吴兴区童装产业发展专项资金管理办法', '湖吴政办发〔2022〕8号', '吴兴区人民政府办公室', '2022/3/1', '有效期至2026年12月31日', '区经信局'],
  ['关于进一步规范童装市场经营秩序的通知', '吴市监〔2022〕21号', '吴兴区市场监督管理局', '2022年6月15日', '3年', '区市场监管局'],
  ['关于开展童装产品质量提升行动的实施方案', '吴市监〔2023〕3号', '吴兴区市场监督管理局', '2023.2.20', '2年', '区市场监管局'],
  ['关于促进织里镇童装电商发展的扶持办法', '织政发〔2023〕9号', '织里镇人民政府', '20230801', '', '区商务局'],
  ['吴兴区招商引资项目奖励办法', '湖吴政办发〔2020〕30号', '吴兴区人民政府办公室', '二〇二〇年十一月二日', '长期', '区商务局'],
  ['关于加强建筑市场管理的若干规定', '湖吴建〔2019〕12号', '吴兴区住房和城乡建设局', '2019-9-9', '5年', '区住建局'],
  ['关于规范建设工程招标投标活动的通知，补充规定', '湖吴建〔2021〕4号', '吴兴区住房和城乡建设局', '2021-01-04', '', '区住建局'],
];

/** Texts to attach: named by 文号 (with the brackets a file system keeps) or by title. */
const TEXTS: Record<string, string> = {
  '湖吴政发〔2021〕15号.txt': `关于支持童装企业做大做强的若干意见
湖吴政发〔2021〕15号
各乡镇人民政府、街道办事处，区级各部门：
一、支持企业做大做强
（一）对新落户企业，按其区级地方综合贡献的80%给予奖励。享受扶持的企业须承诺十年内不迁出本区，否则退还奖励。
（二）政府投资项目优先采购本区企业生产的产品。
二、本意见自印发之日起施行，有效期5年。
吴兴区人民政府
2021年5月10日
`,
  '吴市监[2022]21号 关于进一步规范童装市场经营秩序的通知.txt': `关于进一步规范童装市场经营秩序的通知
吴市监〔2022〕21号
一、童装经营者应当依法办理登记，亮照经营。
二、童装产品须送区指定检测机构检测合格后方可上市销售。
三、本通知自印发之日起施行，有效期3年。
吴兴区市场监督管理局
2022年6月15日
`,
  '关于开展童装产品质量提升行动的实施方案.txt': `关于开展童装产品质量提升行动的实施方案
吴市监〔2023〕3号
一、工作目标
（一）全区童装产品抽检合格率稳步提升，不分所有制和注册地，平等对待各类经营者。
二、本方案自印发之日起施行，有效期2年。
吴兴区市场监督管理局
2023年2月20日
`,
  '湖吴建(2019)12号.txt': `关于加强建筑市场管理的若干规定
湖吴建〔2019〕12号
第一条 外地建筑企业进入本区承揽工程的，应当在本区设立分支机构。
第二条 本规定自2019年10月1日起施行，有效期5年。
吴兴区住房和城乡建设局
2019年9月9日
`,
  // matches nothing on the inventory
  '会议纪要（不在清单中）.txt': `关于童装产业发展座谈会的会议纪要
一、会议听取了各部门工作汇报。
`,
};

/** The .docx text: 湖吴政办发〔2020〕30号, named by 文号 with ASCII brackets. */
const DOCX_NAME = '湖吴政办发[2020]30号.docx';
const DOCX_LINES = [
  '吴兴区招商引资项目奖励办法',
  '湖吴政办发〔2020〕30号',
  '第一条　为加大招商引资力度，制定本办法。',
  '第二条　对年纳税额在500万元以上的新引进企业，按其地方留成部分的50%给予奖励。',
  '第三条　本办法自印发之日起施行。',
  '吴兴区人民政府办公室',
  '2020年11月2日',
];

function csv(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
}

async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'fahu fixtures';
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = wb.created;
  build(wb.addWorksheet('清理清单'));
  // exceljs writes the current time into docProps/core.xml: rezip with fixed dates and content
  return rezip(new Uint8Array(await wb.xlsx.writeBuffer()), (files) => {
    for (const [name, data] of files) {
      if (typeof data === 'string' && name === 'docProps/core.xml') files.set(name, data.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '2026-01-01T00:00:00Z'));
    }
  });
}

async function main(): Promise<void> {
  console.log('cleanup fixtures →', ROOT);
  // good CSV, UTF-8 with BOM, header variants, a quoted field with a comma, CRLF
  const header1 = ['序号', '文件名称', '发文字号', '发文机关', '印发日期', '有效期', '起草部门'];
  write('inventory-utf8.csv', '\ufeff' + csv([header1, ...INVENTORY.map((r, i) => [String(i + 1), ...r])]));
  // the same list in GB18030 (older Excel on Chinese Windows), other header variants, no BOM
  const header2 = ['标题', '文号', '制定机关', '发布日期', '有效期限', '责任单位'];
  write('inventory-gb18030.csv', toGb18030(csv([header2, ...INVENTORY.map((r) => [...r])])));

  // good .xlsx: a sheet title above the header, real date cells, an Excel serial number, typed text dates
  write(
    'inventory.xlsx',
    await xlsx((ws) => {
      ws.addRow(['吴兴区烦企扰民文件专项清理清单']);
      ws.addRow(['标题', '文号', '制定机关', '发布日期', '有效期', '责任单位（科室）']);
      INVENTORY.forEach((r, i) => {
        const [title, no, issuer, date, validity, dept] = r;
        const iso = ['2021-05-10', '2022-03-01', '2022-06-15', '2023-02-20', '2023-08-01', '2020-11-02', '2019-09-09', '2021-01-04'][i] as string;
        // rows 1-3 real dates, row 4 a bare serial number, the rest as typed text
        const cell: string | number | Date = i < 3 ? new Date(`${iso}T00:00:00Z`) : i === 3 ? (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000 : date;
        ws.addRow([title, no, issuer, cell, validity, dept]);
      });
      ws.getColumn(4).numFmt = 'yyyy-mm-dd';
    }),
  );

  // bad CSV: row 3 no title, row 5 impossible date, row 6 repeats row 2's 文号, row 7 no department
  const bad = INVENTORY.slice(0, 6).map((r) => [...r]);
  (bad[1] as string[])[0] = '';
  (bad[3] as string[])[3] = '2023-13-01';
  (bad[4] as string[])[1] = INVENTORY[0]![1];
  (bad[5] as string[])[5] = '';
  write('bad-rows.csv', '\ufeff' + csv([header2, ...bad]));
  // bad CSV: no 责任单位 column
  write('bad-header.csv', '\ufeff' + csv([header2.slice(0, 5), ...INVENTORY.map((r) => r.slice(0, 5))]));
  // bad .xlsx: row 4 has 2023年2月30日, row 6 no department (header on row 1)
  write(
    'bad-rows.xlsx',
    await xlsx((ws) => {
      ws.addRow(header2);
      INVENTORY.slice(0, 6).forEach((r, i) => {
        const row = [...r];
        if (i === 2) row[3] = '2023年2月30日';
        if (i === 4) row[5] = '';
        ws.addRow(row);
      });
    }),
  );

  for (const [name, text] of Object.entries(TEXTS)) write(`texts/${name}`, text);
  const doc = new Document({ sections: [{ children: DOCX_LINES.map((t) => new Paragraph({ text: t })) }] });
  write(`texts/${DOCX_NAME}`, await rezip(new Uint8Array(await Packer.toBuffer(doc)), stabiliseDocxParts));
}

await main();
