/**
 * The forms over HTTP: the 公平竞争审查表 of a stored review (API and page form, stored, audited,
 * locked once signed), the header template (read by all, written by the admin only, audited,
 * used by the opinion, the form and the period report), and the period report as .docx and .xlsx.
 */
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { exceljsReader, exceljsWriter } from '../../src/node/xlsx.js';
import { asBrowser, fixture, JSON_TYPE, ruleSet, signIn, testApp, upload, type Browser, type TestApp } from '../server/helpers.js';

const text = async (res: Response) => (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;

interface Finding {
  id: string;
  quote: string;
  title: string;
  path: string;
  basis: { law: string; article: string; item?: string }[];
}

async function reviewed(department = '区经信局') {
  const t = await testApp({ ruleSet: ruleSet(), segmenter: jiebaSegmenter(), spreadsheets: { reader: exceljsReader, writer: exceljsWriter } });
  const reviewer = await signIn(t, 'liwei');
  const res = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer), body: upload(fixture('text/demo-review.txt'), '产业扶持办法.txt', { department }) });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const detail = (await (await t.app.request(`/api/reviews/${id}`, { headers: asBrowser(reviewer) })).json()) as { findings: Finding[] };
  return { t, reviewer, id, findings: detail.findings };
}

const decide = (t: TestApp, who: Browser, id: string, f: Finding, body: Record<string, string>) =>
  t.app.request(`/api/reviews/${id}/findings/${f.id}`, { method: 'PATCH', headers: asBrowser(who, JSON_TYPE), body: JSON.stringify(body) });

const fcrCited = (f: Finding) => f.basis.some((b) => b.law === '公平竞争审查条例' && ['第八条', '第九条', '第十条', '第十一条'].includes(b.article));

describe('公平竞争审查表 over the API', () => {
  it('proposes the boxes from confirmed findings, saves the reviewer’s edits, downloads them, and locks after sign-off', async () => {
    const { t, reviewer, id, findings } = await reviewed();
    const cited = findings.filter(fcrCited);
    expect(cited.length).toBeGreaterThan(0);
    const first = cited[0] as Finding;
    const b = first.basis.find((x) => x.law === '公平竞争审查条例')!;
    expect((await decide(t, reviewer, id, first, { action: 'confirm' })).status).toBe(200);

    const got = (await (await t.app.request(`/api/reviews/${id}/fcr-form`, { headers: asBrowser(reviewer) })).json()) as { form: { boxes: Record<string, { involved: boolean; note: string }> }; saved: unknown; confirmedFindings: Record<string, unknown[]> };
    expect(got.saved).toBeNull();
    const key = b.item ? `${b.article}${b.item}` : Object.keys(got.confirmedFindings)[0]!;
    expect(got.form.boxes[key]?.involved).toBe(true);
    // only the confirmed one counts: every other box is 否
    expect(Object.values(got.form.boxes).filter((x) => x.involved).length).toBe(Object.keys(got.confirmedFindings).length);

    const other = key === '第十条（二）' ? '第九条（四）' : '第十条（二）';
    const form = { ...got.form, boxes: { ...got.form.boxes, [key]: { involved: true, note: '审查人核定：第三条限定本地供应商' }, [other]: { involved: true, note: '给予特定经营者奖励' } }, exception: { applies: false }, conclusion: '涉及两项，修改后可以出台' };
    const bad = await t.app.request(`/api/reviews/${id}/fcr-form`, { method: 'PUT', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ ...form, exception: { applies: true } }) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('须选择所符合的情形');
    const unknown = await t.app.request(`/api/reviews/${id}/fcr-form`, { method: 'PUT', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ ...form, boxes: { '第十条（九）': { involved: true } } }) });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('第十条（九）');
    expect((await (await t.app.request(`/api/reviews/${id}/fcr-form`, { headers: asBrowser(reviewer) })).json()).saved).toBeNull(); // nothing stored by refusals

    const put = await t.app.request(`/api/reviews/${id}/fcr-form`, { method: 'PUT', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify(form) });
    expect(put.status).toBe(200);
    const docx = await t.app.request(`/api/reviews/${id}/fcr-form/docx`, { headers: asBrowser(reviewer) });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain(encodeURIComponent('公平竞争审查表'));
    const body = await text(docx);
    expect(body).toContain('审查人核定：第三条限定本地供应商');
    expect(body).toContain('给予特定经营者奖励');
    expect(body).toContain('涉及两项，修改后可以出台');
    expect((body.match(/☑是/g) ?? []).length).toBe(Object.values(form.boxes).filter((x) => x.involved).length);

    const admin = await signIn(t, 'admin');
    const audit = (await (await t.app.request('/api/audit?action=review.fcr_form', { headers: asBrowser(admin) })).json()) as { items: { target: string; userName: string | null }[] };
    expect(audit.items.map((a) => a.target)).toEqual([`review:${id}`]);

    // sign off (every finding decided first), then the form is locked
    for (const f of findings) if (f !== first) expect((await decide(t, reviewer, id, f, { action: 'dismiss', reason: '测试排除' })).status).toBe(200);
    const chief = await signIn(t, 'wangfang');
    expect((await t.app.request(`/api/reviews/${id}/conclusion`, { method: 'PUT', headers: asBrowser(chief, JSON_TYPE), body: JSON.stringify({ conclusion: '修改后可以出台' }) })).status).toBe(200);
    expect((await t.app.request(`/api/reviews/${id}/signoff`, { method: 'POST', headers: asBrowser(chief) })).status).toBe(200);
    const locked = await t.app.request(`/api/reviews/${id}/fcr-form`, { method: 'PUT', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify(form) });
    expect(locked.status).toBe(409);
    expect(JSON.stringify(await locked.json())).toContain('已签发');
    expect((await t.app.request('/api/reviews/nope/fcr-form', { headers: asBrowser(reviewer) })).status).toBe(404);
    expect((await t.app.request(`/api/reviews/${id}/fcr-form`)).status).toBe(401);
  }, 60_000);

  it('is a page form: saved with the CSRF token, and a refused save keeps what was typed', async () => {
    const { t, reviewer, id } = await reviewed();
    const pageRes = await t.app.request(`/reviews/${id}/fcr-form`, { headers: { cookie: reviewer.cookie } });
    expect(pageRes.status).toBe(200);
    const html = await pageRes.text();
    expect(html).toContain('第八条　限制或者变相限制市场准入和退出');
    expect(html).toContain('name="involved.第九条（三）"');
    const form = new URLSearchParams({ _csrf: reviewer.csrf, 'involved.第九条（三）': 'yes', 'note.第九条（三）': '排斥外地经营者参加招标', 'exception.applies': '1', 'exception.ground': '（二）', 'exception.justification': '', conclusion: '待定' });
    const refused = await t.app.request(`/reviews/${id}/fcr-form`, { method: 'POST', headers: { cookie: reviewer.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(refused.status).toBe(422);
    const again = await refused.text();
    expect(again).toContain('须说明理由');
    expect(again).toContain('排斥外地经营者参加招标');
    form.set('exception.justification', '为促进科学技术进步');
    form.set('exception.term', '三年');
    const saved = await t.app.request(`/reviews/${id}/fcr-form`, { method: 'POST', headers: { cookie: reviewer.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(saved.status).toBe(303);
    const shown = await (await t.app.request(saved.headers.get('location')!, { headers: { cookie: reviewer.cookie } })).text();
    expect(shown).toContain('已保存公平竞争审查表。');
    expect(shown).toContain('为促进科学技术进步');
    const api = (await (await t.app.request(`/api/reviews/${id}/fcr-form`, { headers: asBrowser(reviewer) })).json()) as { form: { boxes: Record<string, { involved: boolean }>; exception: { ground: string } } };
    expect(api.form.boxes['第九条（三）']?.involved).toBe(true);
    expect(api.form.exception.ground).toBe('（二）');
    const noCsrf = await t.app.request(`/reviews/${id}/fcr-form`, { method: 'POST', headers: { cookie: reviewer.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'conclusion=x' });
    expect(noCsrf.status).toBe(403);
  }, 60_000);
});

describe('the header template', () => {
  it('is read by everyone, written by the admin only (audited), and heads the opinion, the form and the report', async () => {
    const { t, reviewer, id } = await reviewed();
    const initial = (await (await t.app.request('/api/settings/template', { headers: asBrowser(reviewer) })).json()) as { bureau: string };
    expect(initial.bureau).toBe('区司法局');
    const template = { bureau: '湖州市吴兴区司法局', mark: '湖州市吴兴区司法局文件', signature: '湖州市吴兴区司法局法制审核科', contact: '联系人：李伟，电话：0572-2222222' };
    const denied = await t.app.request('/api/settings/template', { method: 'PUT', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify(template) });
    expect(denied.status).toBe(403);
    const chief = await signIn(t, 'wangfang');
    expect((await t.app.request('/api/settings/template', { method: 'PUT', headers: asBrowser(chief, JSON_TYPE), body: JSON.stringify(template) })).status).toBe(403);
    const admin = await signIn(t, 'admin');
    const short = await t.app.request('/api/settings/template', { method: 'PUT', headers: asBrowser(admin, JSON_TYPE), body: JSON.stringify({ bureau: '局' }) });
    expect(short.status).toBe(400);
    expect(JSON.stringify(await short.json())).toContain('机关名称至少 2 个字');
    const ok = await t.app.request('/api/settings/template', { method: 'PUT', headers: asBrowser(admin, JSON_TYPE), body: JSON.stringify(template) });
    expect(ok.status).toBe(200);
    const audit = (await (await t.app.request('/api/audit?action=setting.set', { headers: asBrowser(admin) })).json()) as { items: { target: string }[] };
    expect(audit.items.map((a) => a.target)).toContain('setting:opinion.template');

    const opinion = await text(await t.app.request(`/api/reviews/${id}/export?format=docx`, { headers: asBrowser(reviewer) }));
    expect(opinion).toContain('湖州市吴兴区司法局文件');
    expect(opinion).toContain('湖州市吴兴区司法局法制审核科');
    expect(opinion).toContain('联系人：李伟');
    const form = await text(await t.app.request(`/api/reviews/${id}/fcr-form/docx`, { headers: asBrowser(reviewer) }));
    expect(form).toContain('湖州市吴兴区司法局文件');
    const report = await text(await t.app.request('/api/desk/reports/document?format=docx', { headers: asBrowser(reviewer) }));
    expect(report).toContain('湖州市吴兴区司法局文件');
    expect(report).toContain('湖州市吴兴区司法局法制审核科');
  }, 60_000);

  it('has an admin page; others are refused', async () => {
    const { t, reviewer } = await reviewed();
    expect((await t.app.request('/admin/template', { headers: { cookie: reviewer.cookie } })).status).toBe(403);
    const admin = await signIn(t, 'admin');
    const html = await (await t.app.request('/admin/template', { headers: { cookie: admin.cookie } })).text();
    expect(html).toContain('文书版头');
    expect(html).toContain('value="区司法局"');
    const bad = await t.app.request('/admin/template', { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: admin.csrf, bureau: 'x', contact: '电话 123' }) });
    expect(bad.status).toBe(422);
    const kept = await bad.text();
    expect(kept).toContain('机关名称至少 2 个字');
    expect(kept).toContain('电话 123');
    const good = await t.app.request('/admin/template', { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: admin.csrf, bureau: '南浔区司法局' }) });
    expect(good.status).toBe(303);
    expect(((await (await t.app.request('/api/settings/template', { headers: asBrowser(reviewer) })).json()) as { bureau: string }).bureau).toBe('南浔区司法局');
  }, 60_000);
});

describe('the period report as files', () => {
  it('downloads .docx and .xlsx with the signed, confirmed figures; formula-like text stays text', async () => {
    const { t, reviewer, id, findings } = await reviewed('=HYPERLINK("http://x","点我")');
    const confirmed = findings.slice(0, 2);
    for (const f of findings) expect((await decide(t, reviewer, id, f, confirmed.includes(f) ? { action: 'confirm' } : { action: 'dismiss', reason: '不属于问题' })).status).toBe(200);
    const chief = await signIn(t, 'wangfang');
    expect((await t.app.request(`/api/reviews/${id}/conclusion`, { method: 'PUT', headers: asBrowser(chief, JSON_TYPE), body: JSON.stringify({ conclusion: '修改后可以出台' }) })).status).toBe(200);
    expect((await t.app.request(`/api/reviews/${id}/signoff`, { method: 'POST', headers: asBrowser(chief) })).status).toBe(200);
    const json = (await (await t.app.request('/api/desk/reports', { headers: asBrowser(reviewer) })).json()) as { reviews: number; confirmedFindings: number; findingsByCategory: { category: string; count: number }[]; byKind: { label: string; received: number }[] };
    expect(json.reviews).toBe(1);
    expect(json.confirmedFindings).toBe(2);

    const docx = await t.app.request('/api/desk/reports/document?format=docx', { headers: asBrowser(reviewer) });
    expect(docx.status).toBe(200);
    const body = await text(docx);
    expect(body).toMatch(/行政规范性文件审查工作\d{4}年\d+—\d+月双月报告/);
    expect(body).toContain('经审查人员确认的问题 2 个');
    for (const c of json.findingsByCategory) expect(body).toContain(c.category);
    expect(body).toContain('图：按类别的确认问题数');
    expect(body).toContain('■');
    expect(body).toContain('机器初筛参考数');

    const xlsx = await t.app.request('/reports/document.xlsx', { headers: { cookie: reviewer.cookie } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '收件和办结', '按类别覆盖', '问题类别', '问题较多的部门']);
    const coverage: string[] = [];
    wb.getWorksheet('按类别覆盖')!.eachRow((r, n) => n > 1 && coverage.push(`${String(r.getCell(1).value)}:${Number(r.getCell(2).value)}`));
    expect(coverage).toEqual(json.byKind.map((k) => `${k.label}:${k.received}`));
    const categories = wb.getWorksheet('问题类别')!;
    const rows: [string, number][] = [];
    categories.eachRow((r, n) => n > 1 && rows.push([String(r.getCell(1).value), Number(r.getCell(2).value)]));
    expect(rows).toEqual(json.findingsByCategory.map((c) => [c.category, c.count]));
    const dept = wb.getWorksheet('问题较多的部门')!.getRow(2);
    expect(dept.getCell(1).value).toBe('\'=HYPERLINK("http://x","点我")');
    expect(dept.getCell(1).formula).toBeUndefined();
    expect(dept.getCell(2).value).toBe(2);

    const pageHtml = await (await t.app.request('/reports', { headers: { cookie: reviewer.cookie } })).text();
    expect(pageHtml).toContain('href="/reports/document.docx"');
    expect(pageHtml).toContain('href="/reports/document.xlsx"');
    const badFormat = await t.app.request('/api/desk/reports/document?format=pdf', { headers: asBrowser(reviewer) });
    expect(badFormat.status).toBe(400);
    expect(JSON.stringify(await badFormat.json())).toContain('format 只能是 docx 或 xlsx');
    const badPeriod = await t.app.request('/reports/document.docx?kind=bimonthly&year=2026&n=9', { headers: { cookie: reviewer.cookie } });
    expect(badPeriod.status).toBe(422);
    expect(await badPeriod.text()).toContain('期数应为 1 到 6');
  }, 60_000);
});
