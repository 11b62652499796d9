/**
 * The section's own legal texts: imported from a file (a test fixture written for these tests,
 * not the real regulation), listed, voided with a reason; a rule's local basis is quoted in its
 * finding only while the text is imported, and the "不在本库收录" sentence goes then.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importLocalText } from '../../src/local-texts/import.js';
import { dropSentence, resolvePicked, searchArticles } from '../../src/local-texts/local-basis.js';
import { LocalTextStore } from '../../src/local-texts/local-text-store.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { createReview } from '../../src/review/create-review.js';
import { memoryStore, withUsers, type Fixture } from '../store/helpers.js';

const FIXTURE = new URL('../fixtures/local-texts/validity-test-fixture.txt', import.meta.url);
const bytes = () => new Uint8Array(readFileSync(FIXTURE));
const OUTLINE = `某某县关于规范测试工作的通知（测试样例）
某县政办发〔2026〕3号
一、总体要求
（一）测试应当规范。
（二）样例期限不超过5年。
二、工作措施
（一）加强管理。
某某县人民政府办公室
2026年1月5日
`;
const NO_VALIDITY = `某某县关于加强建筑垃圾运输管理的通知
一、运输企业应当使用密闭运输车辆。
二、运输车辆须安装卫星定位装置。
三、本通知自2026年5月1日起施行。
某某县住房和城乡建设局
2026年3月20日
`;

let fx: Fixture;
beforeEach(async () => {
  fx = await memoryStore();
});
afterEach(() => fx.close());

describe('importing a local text', () => {
  it('reads title, 文号, issuer, dates and numbered articles with items', async () => {
    const { admin } = await withUsers(fx.store);
    const t = await importLocalText({ store: fx.store }, { bytes: bytes(), fileName: 'validity-test-fixture.txt' }, admin.id);
    expect(t).toMatchObject({ title: '浙江省行政规范性文件管理办法（测试样例）', docNumber: '测试〔2026〕1号', issuer: '某某省人民政府', issuedOn: '2025-12-01', effectiveOn: '2026-01-01', sourceName: 'validity-test-fixture.txt', importedByName: 'admin' });
    expect(t.articles.map((a) => a.article)).toEqual(['第一条', '第二条', '第三条']);
    expect(t.articles[1]?.items.map((i) => i.item)).toEqual(['（一）', '（二）']);
    expect(t.articles[1]?.text).toContain('应当载明有效期');
    const audit = await fx.store.listAudit(admin.id);
    expect(audit.items.some((e) => e.action === 'corpus.import')).toBe(true);
  });

  it('numbers an outline text 一、 and 一、（一） like the bundled notices, and takes the metadata given', async () => {
    const t = await importLocalText({ store: fx.store }, { bytes: new TextEncoder().encode(OUTLINE), meta: { title: '改过的标题', docNumber: '另〔2026〕9号', issued: '2026-01-06' } }, null);
    expect(t.articles.map((a) => a.article)).toEqual(['一、', '一、（一）', '一、（二）', '二、', '二、（一）']);
    expect(t).toMatchObject({ title: '改过的标题', docNumber: '另〔2026〕9号', issuedOn: '2026-01-06', importedByName: '命令行' });
  });

  it('refuses an empty file, a text without articles, a bad date, a second copy and a non-admin', async () => {
    const { reviewer } = await withUsers(fx.store);
    await expect(importLocalText({ store: fx.store }, { bytes: new Uint8Array() }, null)).rejects.toThrow();
    await expect(importLocalText({ store: fx.store }, { bytes: new TextEncoder().encode('一段没有编号的文字\n第二段文字') }, null)).rejects.toThrow(/未能识别出条款/);
    await expect(importLocalText({ store: fx.store }, { bytes: bytes(), meta: { issued: '2026/1/1' } }, null)).rejects.toThrow(/发布日期格式/);
    await expect(importLocalText({ store: fx.store }, { bytes: bytes() }, reviewer.id)).rejects.toThrow(/只有管理员/);
    await importLocalText({ store: fx.store }, { bytes: bytes() }, null);
    await expect(importLocalText({ store: fx.store }, { bytes: bytes() }, null)).rejects.toThrow(/已导入/);
    expect(await new LocalTextStore(fx.store).list()).toHaveLength(1);
  });

  it('the text and its audit record land together: an audit write that fails leaves no text, and the record names the new text', async () => {
    const { admin } = await withUsers(fx.store);
    const texts = new LocalTextStore(fx.store);
    await fx.store.db.run(`CREATE TRIGGER no_audit BEFORE INSERT ON audit_log WHEN NEW.action = 'corpus.import' BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
    await expect(importLocalText({ store: fx.store }, { bytes: bytes() }, admin.id)).rejects.toThrow(/audit refused/);
    expect(await texts.list({ includeVoided: true })).toHaveLength(0);
    await fx.store.db.run('DROP TRIGGER no_audit');
    const t = await importLocalText({ store: fx.store }, { bytes: bytes() }, admin.id);
    const imports = (await fx.store.listAudit(admin.id)).items.filter((e) => e.action === 'corpus.import');
    expect(imports.map((e) => e.target)).toEqual([`local-text:${t.id}`]);
    // a void whose audit write fails keeps the text in force
    await fx.store.db.run(`CREATE TRIGGER no_void BEFORE INSERT ON audit_log WHEN NEW.action = 'corpus.void' BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
    await expect(texts.void(t.id, { reason: '导入了错误的版本' }, admin.id)).rejects.toThrow(/audit refused/);
    expect((await texts.get(t.id))?.voidedAt).toBeNull();
  });

  it('voids with a reason, never deletes; a voided text is listed only when asked for', async () => {
    const { admin } = await withUsers(fx.store);
    const texts = new LocalTextStore(fx.store);
    const t = await importLocalText({ store: fx.store }, { bytes: bytes() }, admin.id);
    await expect(texts.void(t.id, { reason: ' ' }, admin.id)).rejects.toThrow(/理由/);
    const v = await texts.void(t.id, { reason: '导入了错误的版本' }, admin.id);
    expect(v).toMatchObject({ voidReason: '导入了错误的版本', voidedByName: 'admin' });
    expect(await texts.list()).toHaveLength(0);
    expect(await texts.list({ includeVoided: true })).toHaveLength(1);
    expect(await texts.laws()).toEqual([]);
  });
});

describe('citing a local text', () => {
  const ruleSet = loadRuleSet();
  const review = async (actorId: number) =>
    (await createReview({ store: fx.store, ruleSet }, { text: NO_VALIDITY, actorId })).review.findings.find((f) => f.rule === 'doc-no-validity');

  it('without the text imported, the validity finding keeps the national basis and the "不在本库收录" note', async () => {
    const { reviewer } = await withUsers(fx.store);
    const f = await review(reviewer.id);
    expect(f?.basis.map((b) => b.law)).toEqual(['国办发〔2018〕37号', '国办发〔2018〕115号']);
    expect(f?.explanation).toContain('不在本库收录');
  });

  it('with it imported, the finding quotes the article on 有效期 and the note goes; voided, it is not cited', async () => {
    const { admin, reviewer } = await withUsers(fx.store);
    const t = await importLocalText({ store: fx.store }, { bytes: bytes() }, admin.id);
    const f = await review(reviewer.id);
    expect(f?.basis[0]).toEqual({ law: '浙江省行政规范性文件管理办法（测试样例）', article: '第二条', text: t.articles[1]?.text });
    expect(f?.basis).toHaveLength(3);
    expect(f?.explanation).not.toContain('不在本库收录');
    expect(f?.explanation).toContain('通行做法');
    await new LocalTextStore(fx.store).void(t.id, { reason: '测试完毕' }, admin.id);
    expect((await review(reviewer.id))?.explanation).toContain('不在本库收录');
  });

  it('drops the sentence or the bracketed remark that holds the marker', () => {
    expect(dropSentence('甲。（乙不在本库收录。）', '不在本库收录')).toBe('甲。');
    expect(dropSentence('甲；这一期限不在本库收录的文件中；丙。', '不在本库收录')).toBe('甲；丙。');
  });
});

describe('the 依据 picker', () => {
  const ruleSet = loadRuleSet();
  it('finds bundled and imported articles by title, article and words, and resolves the one picked', async () => {
    await importLocalText({ store: fx.store }, { bytes: bytes() }, null);
    const local = await new LocalTextStore(fx.store).laws();
    const hits = searchArticles(ruleSet.corpus.laws, local, '有效期 测试样例');
    expect(hits[0]).toMatchObject({ source: 'local', article: '第二条' });
    const bundled = searchArticles(ruleSet.corpus.laws, local, '公平竞争审查条例 第八条');
    expect(bundled[0]).toMatchObject({ source: 'bundled', law: '公平竞争审查条例', article: '第八条' });
    expect(searchArticles(ruleSet.corpus.laws, local, '   ')).toEqual([]);
    const picked = resolvePicked(ruleSet.corpus.laws, local, { law: '浙江省行政规范性文件管理办法（测试样例）', article: '第二条', item: '（一）' });
    expect(picked.text).toBe('（一）【测试样例】第一项；');
    expect(() => resolvePicked(ruleSet.corpus.laws, local, { law: '公平竞争审查条例', article: '第九百条' })).toThrow(/依据无效/);
  });
});
