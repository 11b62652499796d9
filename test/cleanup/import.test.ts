import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from '../../src/tabular/csv.js';
import { parseInventoryDate } from '../../src/cleanup/dates.js';
import { InventoryError, readInventory } from '../../src/cleanup/inventory.js';
import { exceljsReader } from '../../src/node/xlsx.js';
import { cleanupFixture, row, snapshot, utf8, xlsxOf } from './helpers.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/cleanup/${name}`, import.meta.url)));

async function rowErrors(p: Promise<unknown>): Promise<{ row: number; message: string }[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InventoryError) return e.errors;
    throw e;
  }
  throw new Error('expected an InventoryError');
}

describe('CSV parsing', () => {
  it.each([
    ['plain, LF', 'a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['CRLF and no final line end', 'a,b\r\n1,2', [['a', 'b'], ['1', '2']]],
    ['BOM dropped', '\ufeffa,b\r\n', [['a', 'b']]],
    ['quoted comma, quote and line break', 'x,"甲,乙",y\r\n"说""明","第一行\r\n第二行",z\r\n', [['x', '甲,乙', 'y'], ['说"明', '第一行\r\n第二行', 'z']]],
    ['empty fields', ',,\n', [['', '', '']]],
  ])('%s', (_name, text, expected) => {
    expect(parseCsv(text).map((r) => r.cells)).toEqual(expected);
  });

  it('numbers rows as Excel shows them, a quoted line break staying in its row', () => {
    expect(parseCsv('h\n"a\nb"\nc\n').map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it('refuses an unterminated quote naming its row', () => {
    expect(() => parseCsv('a\nb\n"c,d\n')).toThrow(/第 3 行的引号没有闭合/);
  });

  it('writes what it reads, with a BOM, CRLF, and formulas kept as text', () => {
    const rows = [['标题', '理由'], ['甲,乙', '说"明\n换行'], ['=1+1', '@x']];
    const text = writeCsv(rows);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text).toContain('\r\n');
    expect(parseCsv(text).map((r) => r.cells)).toEqual([rows[0], rows[1], ["'=1+1", "'@x"]]);
  });
});

describe('inventory dates', () => {
  it.each<[string | number | Date, string]>([
    ['2023-05-01', '2023-05-01'],
    ['2023/5/1', '2023-05-01'],
    ['2023.5.1', '2023-05-01'],
    ['2023-5-1', '2023-05-01'],
    ['20230501', '2023-05-01'],
    ['2023年5月1日', '2023-05-01'],
    ['2023年05月01日', '2023-05-01'],
    ['二〇二三年五月一日', '2023-05-01'],
    ['２０２３年５月１日', '2023-05-01'],
    [45047, '2023-05-01'],
    ['45047', '2023-05-01'],
    [new Date('2023-05-01T00:00:00Z'), '2023-05-01'],
  ])('%s → %s', (input, iso) => {
    expect(parseInventoryDate(input)).toEqual({ ok: true, date: iso });
  });

  it.each(['2023-13-01', '2023-02-30', '2023年2月30日', '五月一日', '2023-05', 'abc', '1800-01-01', '12'])('%s is refused', (input) => {
    expect(parseInventoryDate(input).ok).toBe(false);
  });

  it('empty is no date', () => {
    expect(parseInventoryDate('  ')).toEqual({ ok: true, date: null });
    expect(parseInventoryDate(null)).toEqual({ ok: true, date: null });
  });
});

describe('reading inventories', () => {
  it.each([
    ['标题,文号,制定机关,发布日期,有效期,责任单位', '关于甲的通知,吴政〔2024〕1号,区政府,2024-01-02,5年,区经信局'],
    ['文件名称,发文字号,发文机关,印发日期,有效期限,起草部门', '关于甲的通知,吴政〔2024〕1号,区政府,2024/1/2,5年,区经信局'],
    ['序号,文件标题,文件编号,制发机关,成文日期,有效期至,责任部门（科室）', '1,关于甲的通知,吴政〔2024〕1号,区政府,2024年1月2日,5年,区经信局'],
    [' 标题* , 文号 ,制定机关 ,发布日期,有效期,牵头单位', '关于甲的通知,吴政〔2024〕1号,区政府,20240102,5年,区经信局'],
  ])('header variant %s', async (header, line) => {
    const rows = await readInventory(utf8(`${header}\r\n${line}\r\n`), 'x.csv');
    expect(rows).toEqual([
      {
        row: 2, title: '关于甲的通知', docNumber: '吴政〔2024〕1号', issuer: '区政府', issueDate: '2024-01-02', validity: '5年', department: '区经信局', effectiveDate: null,
        // the inventory's own 序号 is kept for the export
        extras: header.startsWith('序号') ? [['序号', '1']] : [],
      },
    ]);
  });

  it('reads the UTF-8 and GB18030 fixtures to the same rows', async () => {
    const a = await readInventory(fixture('inventory-utf8.csv'), 'inventory-utf8.csv');
    const b = await readInventory(fixture('inventory-gb18030.csv'), 'inventory-gb18030.csv');
    expect(a).toHaveLength(8);
    // the UTF-8 file has a 序号 column, kept as an extra; the rest is the same
    expect(b.map(({ extras: _e, ...rest }) => rest)).toEqual(a.map(({ extras: _e, ...rest }) => rest));
    expect(a.map((r) => r.extras)).toEqual(a.map((_r, i) => [['序号', String(i + 1)]]));
    expect(a.map((r) => r.issueDate)).toEqual(['2021-05-10', '2022-03-01', '2022-06-15', '2023-02-20', '2023-08-01', '2020-11-02', '2019-09-09', '2021-01-04']);
    expect(a[7]?.title).toBe('关于规范建设工程招标投标活动的通知，补充规定');
  });

  it('reads the .xlsx fixture (title row above the header, date cells, a serial number, typed dates)', async () => {
    const x = await readInventory(fixture('inventory.xlsx'), 'inventory.xlsx', exceljsReader);
    const c = await readInventory(fixture('inventory-utf8.csv'), 'inventory-utf8.csv');
    expect(x.map((r) => r.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    // the CSV's 序号 column (an extra) aside, the same rows
    expect(x.map(({ row: _r, extras: _e, ...rest }) => rest)).toEqual(c.map(({ row: _r, extras: _e, ...rest }) => rest));
  });

  it.each<[string, (string | number | Date | null)[][], { row: number; message: RegExp }[]]>([
    ['bad date text', [['标题', '责任单位', '发布日期'], ['甲', '区经信局', '2024-02-30']], [{ row: 2, message: /发布日期“2024-02-30”无法识别/ }]],
    ['missing title and department', [['标题', '责任单位'], ['甲', '区经信局'], [null, null, '多余'], ['乙', '']], [{ row: 3, message: /缺少标题；缺少责任单位/ }, { row: 4, message: /缺少责任单位/ }]],
    ['duplicate 文号', [['标题', '文号', '责任单位'], ['甲', '吴政〔2024〕1号', '区经信局'], ['乙', '吴政〔2024〕1号', '区商务局']], [{ row: 3, message: /与第 2 行重复/ }]],
    ['no department column', [['标题', '文号'], ['甲', '1号']], [{ row: 1, message: /缺少“责任单位”列/ }]],
    ['no header at all', [['甲', '乙'], ['丙', '丁']], [{ row: 1, message: /找不到表头/ }]],
  ])('.xlsx with %s is refused with row numbers', async (_name, sheet, expected) => {
    const errors = await rowErrors(readInventory(await xlsxOf(sheet), 'x.xlsx', exceljsReader));
    expect(errors.map((e) => e.row)).toEqual(expected.map((e) => e.row));
    errors.forEach((e, i) => expect(e.message).toMatch((expected[i] as { message: RegExp }).message));
  });

  it('reports every bad row of the bad fixtures by row number', async () => {
    expect((await rowErrors(readInventory(fixture('bad-rows.csv'), 'bad-rows.csv'))).map((e) => e.row)).toEqual([3, 5, 6, 7]);
    expect((await rowErrors(readInventory(fixture('bad-rows.xlsx'), 'bad-rows.xlsx', exceljsReader))).map((e) => e.row)).toEqual([4, 6]);
    expect((await rowErrors(readInventory(fixture('bad-header.csv'), 'bad-header.csv')))[0]?.message).toMatch(/缺少“责任单位”列/);
  });

  it.each<[string, Uint8Array, string, RegExp]>([
    ['an empty file', new Uint8Array(), 'x.csv', /为空/],
    ['an old .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'x.xls', /\.xls/],
    ['a broken .xlsx', utf8('not a zip'), 'x.xlsx', /已损坏/],
    ['a Word file named .xlsx', fixture('texts/湖吴政办发[2020]30号.docx'), 'x.xlsx', /Word 文档/],
    ['an unterminated quote', utf8('标题,责任单位\n"甲,区经信局\n'), 'x.csv', /引号没有闭合/],
  ])('refuses %s with a Chinese message', async (_name, bytes, name, message) => {
    await expect(readInventory(bytes, name, exceljsReader)).rejects.toThrow(message);
  });
});

describe('importing into a campaign: all or nothing', () => {
  let fx: Awaited<ReturnType<typeof cleanupFixture>>;
  beforeEach(async () => {
    fx = await cleanupFixture();
  });
  afterEach(() => fx.close());

  it('creates the campaign with its deadline and every row', async () => {
    const rows = await readInventory(fixture('inventory-utf8.csv'), 'inventory-utf8.csv');
    const r = await fx.cleanup.importInventory({ campaign: '2026年专项清理', deadline: '2026-12-31', rows }, fx.users.reviewer.id);
    expect(r).toMatchObject({ created: true, imported: 8, campaign: { name: '2026年专项清理', deadline: '2026-12-31', createdBy: fx.users.reviewer.id } });
    const items = await fx.cleanup.listItems(r.campaign.id);
    expect(items).toHaveLength(8);
    expect(new Set(items.map((i) => i.department))).toEqual(new Set(['区经信局', '区市场监管局', '区商务局', '区住建局']));
    const audit = await fx.store.listAudit(fx.users.admin.id, { action: 'cleanup.import' });
    expect(audit.items[0]?.detail).toMatchObject({ rows: 8, created: true });
  });

  it('a bad file changes no table', async () => {
    const good = await readInventory(fixture('inventory-utf8.csv'), 'inventory-utf8.csv');
    await fx.cleanup.importInventory({ campaign: '甲', rows: good.slice(0, 3) }, null);
    const before = await snapshot(fx.cleanup);
    await expect(readInventory(fixture('bad-rows.csv'), 'bad-rows.csv')).rejects.toBeInstanceOf(InventoryError);
    // rows that repeat a 文号 already in the campaign: refused by row number, nothing added
    const errors = await rowErrors(fx.cleanup.importInventory({ campaign: '甲', rows: good }, null));
    expect(errors.map((e) => e.row)).toEqual([2, 3, 4]);
    expect(errors[0]?.message).toMatch(/已在“甲”的清单中/);
    // a new campaign whose rows break a constraint half-way: the campaign is not created either
    await expect(fx.cleanup.importInventory({ campaign: '乙', rows: [row(1), { ...row(2), title: null as unknown as string }] }, null)).rejects.toThrow();
    await expect(fx.cleanup.importInventory({ campaign: '丙', deadline: '2026-02-30', rows: [row(1)] }, null)).rejects.toThrow(/截止日期/);
    expect(await snapshot(fx.cleanup)).toBe(before);
    expect(await fx.cleanup.findCampaign('乙')).toBeNull();
  });

  it('adds to an existing campaign and may move its deadline', async () => {
    const a = await fx.cleanup.importInventory({ campaign: '甲', deadline: '2026-12-31', rows: [row(1), row(2)] }, null);
    const b = await fx.cleanup.importInventory({ campaign: '甲', deadline: '2027-01-15', rows: [row(3)] }, null);
    expect(b).toMatchObject({ created: false, imported: 1, campaign: { id: a.campaign.id, deadline: '2027-01-15' } });
    expect(await fx.cleanup.listItems(a.campaign.id)).toHaveLength(3);
  });

  it('only signed-in roles that may edit import', async () => {
    const disabled = await fx.store.createUser({ name: 'zhao', password: 'zhao-pass-1' }, fx.users.admin.id);
    await fx.store.setDisabled(disabled.id, true, fx.users.admin.id);
    await expect(fx.cleanup.importInventory({ campaign: '甲', rows: [row(1)] }, disabled.id)).rejects.toThrow(/停用/);
  });
});
