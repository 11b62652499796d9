/** The jurisdiction named places are read against: set on a review, read from the document, or the section's default. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asBrowser, JSON_TYPE, ruleSet, signIn, testApp, type Browser, type TestApp } from './helpers.js';

const NO_ISSUER = '关于支持企业发展的若干措施\n一、对在吴兴区注册并纳税的企业，按其年度纳税额的10%给予奖励。\n二、本措施自印发之日起施行，有效期三年。';
const WITH_ISSUER = '关于支持企业发展的若干措施\n一、对在吴兴区注册并纳税的企业，按其年度纳税额的10%给予奖励。\n\n杭州市西湖区人民政府\n2026年5月1日';

interface ReviewJson {
  jurisdiction?: { name: string; source: string };
  findings: { rule: string }[];
}

let t: TestApp;
let reviewer: Browser;
let admin: Browser;
beforeEach(async () => {
  t = await testApp({ ruleSet: ruleSet() });
  reviewer = await signIn(t, 'liwei');
  admin = await signIn(t, 'admin');
});
afterEach(() => t.close());

const review = (who: Browser, body: Record<string, unknown>) =>
  t.app.request('/api/review', { method: 'POST', headers: asBrowser(who, JSON_TYPE), body: JSON.stringify(body) });
const setDefault = (who: Browser, jurisdiction: string) =>
  t.app.request('/api/rules/jurisdiction', { method: 'PUT', headers: asBrowser(who, JSON_TYPE), body: JSON.stringify({ jurisdiction }) });

describe('the jurisdiction of a review', () => {
  it('is the one the reviewer sets, and a name that is no division is refused in Chinese', async () => {
    const set = (await (await review(reviewer, { text: NO_ISSUER, jurisdiction: '湖州市吴兴区' })).json()) as ReviewJson;
    expect(set.jurisdiction).toEqual({ name: '吴兴区', source: 'option' });
    expect(set.findings.map((f) => f.rule)).toContain('benefit-on-local-condition');

    const bad = await review(reviewer, { text: NO_ISSUER, jurisdiction: '火星区' });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect(((await bad.json()) as { message: string }).message).toContain('未识别的行政区划“火星区”');
  });

  it('comes from the issuer when the reviewer sets none, else from the section default the admin sets', async () => {
    const fromIssuer = (await (await review(reviewer, { text: WITH_ISSUER })).json()) as ReviewJson;
    expect(fromIssuer.jurisdiction).toEqual({ name: '西湖区', source: 'issuer' });
    expect(((await (await review(reviewer, { text: NO_ISSUER })).json()) as ReviewJson).jurisdiction).toBeUndefined();

    expect((await setDefault(reviewer, '湖州市吴兴区')).status).toBe(403);
    const saved = await setDefault(admin, '湖州市吴兴区');
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ jurisdiction: '湖州市吴兴区' });
    expect(((await (await review(reviewer, { text: NO_ISSUER })).json()) as ReviewJson).jurisdiction).toEqual({ name: '吴兴区', source: 'setting' });
    // the issuer still comes first
    expect(((await (await review(reviewer, { text: WITH_ISSUER })).json()) as ReviewJson).jurisdiction?.source).toBe('issuer');

    expect((await setDefault(admin, '火星区')).status).toBeGreaterThanOrEqual(400);
    expect((await (await setDefault(admin, '')).json()) as unknown).toEqual({ jurisdiction: null });
  });
});
