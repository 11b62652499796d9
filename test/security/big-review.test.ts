/**
 * Big reviews stay cheap to look at: findings capped per rule per document, and the report page
 * paged, so a 3,000-finding record renders a bounded page. (The render time is printed, not
 * asserted: speed targets live in npm run bench.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/ingest.js';
import { documentJson } from '../../src/document/document-json.js';
import { review } from '../../src/review/review.js';
import { MAX_FINDINGS_PER_RULE } from '../../src/rules/cap-per-rule.js';
import type { Finding } from '../../src/rules/findings.js';
import { FINDINGS_PAGE_SIZE } from '../../src/server/reviews/findings-window.js';
import { PRINT_PAGE_SIZE } from '../../src/server/reviews/print.js';
import { ruleSet, signIn, testApp, type TestApp } from '../server/helpers.js';

const CLAUSE = '享受扶持的企业须承诺十年内不迁出本区，否则退还奖励。';

describe('findings per rule per document', () => {
  it(`are capped at ${MAX_FINDINGS_PER_RULE}, the last saying how many more there are`, () => {
    const lines = Array.from({ length: 60 }, (_, i) => `（${i + 1}）${CLAUSE}`);
    const r = review(ingestText(`关于支持企业发展的若干措施\n一、扶持\n${lines.join('\n')}\n`), ruleSet());
    const of = r.findings.filter((f) => f.rule === 'relocation-tenure-ban');
    expect(of).toHaveLength(MAX_FINDINGS_PER_RULE);
    expect(of.at(-1)?.moreOfKind).toBe(40);
    expect(of.at(-1)?.explanation).toContain('同类问题另有 40 处');
    expect(of.slice(0, -1).every((f) => f.moreOfKind === undefined)).toBe(true);
  });
});

describe('a 3,000-finding review', () => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    t = await testApp();
    // a long paste of the same clause, every occurrence a finding (as records made before the cap were)
    const lines = Array.from({ length: 3000 }, (_, i) => `（${i + 1}）${CLAUSE}另需每年报送经营数据，逾期不报的取消资格，本条款编号第${i + 1}条。`);
    const document = documentJson(ingestText(`关于支持企业发展的若干措施\n一、扶持\n${lines.join('\n')}\n`));
    const findings: Finding[] = [];
    let from = 0;
    for (let i = 0; i < 3000; i++) {
      const start = document.text.indexOf('不迁出本区', from);
      from = start + 1;
      const clause = document.clauses.filter((c) => c.start <= start && start < c.end).sort((a, b) => a.end - a.start - (b.end - b.start))[0]!;
      findings.push({
        id: `f${i}`, rule: `rule-${i % 50}`, title: '设置市场退出障碍', category: '限制市场准入和退出', severity: 'high', clauseId: clause.id, path: clause.path, quote: '不迁出本区', start, end: start + 5,
        basis: [{ law: '公平竞争审查条例', article: '第八条', text: '起草单位起草的政策措施，不得含有下列限制或者变相限制市场准入和退出的内容：……' } as never], explanation: '限制经营者迁移', suggestion: '删除迁出限制',
      });
    }
    id = (await t.store.createReview({ document, findings }, { title: '长文件', department: '区经信局' }, t.users.reviewer.id)).id;
  }, 120_000);
  afterAll(() => t.close());

  it('renders one page of findings, under 2 MB, with the counts of all', async () => {
    const b = await signIn(t, 'liwei');
    const started = performance.now();
    const res = await t.app.request(`/reviews/${id}`, { headers: { cookie: b.cookie } });
    const html = await res.text();
    const ms = performance.now() - started;
    const bytes = new TextEncoder().encode(html).length;
    console.log(`3,000-finding review: report page ${(bytes / 1024).toFixed(0)} KB in ${ms.toFixed(0)} ms`);
    expect(res.status).toBe(200);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    expect(new Set([...html.matchAll(/data-finding-id="([^"]+)"/g)].map((m) => m[1])).size).toBe(FINDINGS_PAGE_SIZE);
    expect(html).toContain('id="doc-excerpt"');
    expect(html).toContain('共 3000 条，本页第 1–100 条（第 1/30 页）');
    expect(html).toContain('data-count="total">3000<');

    const last = await t.app.request(`/reviews/${id}?fp=30`, { headers: { cookie: b.cookie } });
    const lastHtml = await last.text();
    expect(lastHtml).toContain('data-finding-id="f2999"');
    expect(lastHtml).not.toContain('data-finding-id="f0"');
    expect(new TextEncoder().encode(lastHtml).length).toBeLessThan(2 * 1024 * 1024);
  });

  it('prints in parts of bounded size, numbered on, with the counts of all', async () => {
    const b = await signIn(t, 'liwei');
    const ids = (html: string) => [...html.matchAll(/data-finding-id="([^"]+)"/g)].map((m) => m[1]);
    const started = performance.now();
    const first = await t.app.request(`/reviews/${id}/print`, { headers: { cookie: b.cookie } });
    const html = await first.text();
    const bytes = new TextEncoder().encode(html).length;
    console.log(`3,000-finding review: print view part 1 ${(bytes / 1024).toFixed(0)} KB in ${(performance.now() - started).toFixed(0)} ms`);
    expect(first.status).toBe(200);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    const parts = Math.ceil(3000 / PRINT_PAGE_SIZE);
    expect(ids(html)).toEqual(Array.from({ length: PRINT_PAGE_SIZE }, (_, i) => `f${i}`));
    expect(html).toContain(`本件共 3000 条意见，分 ${parts} 部分打印；此为第 1 部分（第 1–${PRINT_PAGE_SIZE} 条）`);
    expect(html).toContain('data-count="total">3000<');
    expect(html).toContain(`href="/reviews/${id}/print?pp=2"`);

    const last = await t.app.request(`/reviews/${id}/print?pp=${parts}`, { headers: { cookie: b.cookie } });
    const lastHtml = await last.text();
    expect(new TextEncoder().encode(lastHtml).length).toBeLessThan(2 * 1024 * 1024);
    expect(ids(lastHtml).at(-1)).toBe('f2999');
    // numbering goes on across parts
    expect(lastHtml).toContain(`<strong>${3000 - PRINT_PAGE_SIZE + 1}. `);
    expect(lastHtml).not.toContain('data-finding-id="f0"');
    // a part past the end is the last one
    expect(ids(await (await t.app.request(`/reviews/${id}/print?pp=999`, { headers: { cookie: b.cookie } })).text()).at(-1)).toBe('f2999');
  });

  it('after handling a finding on a later page, returns to that page', async () => {
    const b = await signIn(t, 'liwei');
    const res = await t.app.request(`/reviews/${id}/findings/f1234`, {
      method: 'POST', headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: b.csrf, action: 'confirm' }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/reviews/${id}?fp=13#f-f1234`);
  });
});
