import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { asBrowser, fixture, ruleSet, signIn, testApp, upload } from './helpers.js';

async function reviewed() {
  const t = await testApp({ ruleSet: ruleSet(), segmenter: jiebaSegmenter() });
  const reviewer = await signIn(t, 'liwei');
  const res = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer), body: upload(fixture('docx/article-typed.docx'), '专项资金管理办法.docx', { department: '区经信局' }) });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const detail = (await (await t.app.request(`/api/reviews/${id}`, { headers: asBrowser(reviewer) })).json()) as { findings: { id: string; quote: string }[] };
  return { t, reviewer, id, findings: detail.findings };
}

describe('GET /api/reviews/{id}/export and /annotated', () => {
  it('downloads the 审查意见书 with confirmed findings and the reviewer conclusion', async () => {
    const { t, reviewer, id, findings } = await reviewed();
    expect(findings.length).toBeGreaterThan(0);
    const first = findings[0] as { id: string; quote: string };
    const patch = await t.app.request(`/api/reviews/${id}/findings/${first.id}`, { method: 'PATCH', headers: asBrowser(reviewer, { 'content-type': 'application/json' }), body: JSON.stringify({ action: 'confirm' }) });
    expect(patch.status).toBe(200);
    const res = await t.app.request(`/api/reviews/${id}/export?format=docx&conclusion=${encodeURIComponent('修改后可以出台')}`, { headers: asBrowser(reviewer) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('审查意见书'));
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
    expect(text).toContain('区经信局：');
    expect(text).toContain('修改后可以出台。');
    expect(text).toContain(`“${first.quote}”`);
    const md = await t.app.request(`/api/reviews/${id}/export?format=md`, { headers: asBrowser(reviewer) });
    expect(await md.text()).toContain(first.quote);
  });

  it('refuses an unknown format or conclusion in Chinese, and an unknown review', async () => {
    const { t, reviewer, id } = await reviewed();
    const bad = await t.app.request(`/api/reviews/${id}/export?format=pdf`, { headers: asBrowser(reviewer) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/format 只能是/);
    const conclusion = await t.app.request(`/api/reviews/${id}/export?conclusion=${encodeURIComponent('工具认为合法')}`, { headers: asBrowser(reviewer) });
    expect(conclusion.status).toBe(400);
    expect((await t.app.request('/api/reviews/nope/export', { headers: asBrowser(reviewer) })).status).toBe(404);
    expect((await t.app.request(`/api/reviews/${id}/export`)).status).toBe(401);
  });

  it('downloads the department’s own .docx with a comment on each finding', async () => {
    const { t, reviewer, id, findings } = await reviewed();
    const res = await t.app.request(`/api/reviews/${id}/annotated`, { headers: asBrowser(reviewer) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-fahu-unplaced')).toBe('0');
    const bytes = Buffer.from(await res.arrayBuffer());
    const comments = (await (await JSZip.loadAsync(bytes)).file('word/comments.xml')?.async('string')) ?? '';
    expect((comments.match(/<w:comment /g) ?? []).length).toBe(findings.length);
    const html = (await mammoth.convertToHtml({ buffer: bytes }, { styleMap: ['comment-reference => sup'] })).value;
    for (const f of findings) expect(html).toContain(`${f.quote}<sup>`);
    expect((await mammoth.extractRawText({ buffer: bytes })).value).toBe((await mammoth.extractRawText({ buffer: Buffer.from(fixture('docx/article-typed.docx')) })).value);
  });
});
