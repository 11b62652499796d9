/**
 * A guard for refactoring the server: drives the app over a fresh in-memory store (fixed
 * clock, three users, the shipped rules) through every fixture and the main routes, and
 * prints each answer (status, content type, body) with random ids replaced by their order of
 * appearance. Run it before and after a change and diff the two outputs:
 *
 *   npx tsx scripts/route-snapshot.ts > /tmp/before.txt   # … change … then again > /tmp/after.txt
 */
import { readdirSync, readFileSync } from 'node:fs';
import { jiebaSegmenter } from '../src/node/jieba-segmenter.js';
import { asBrowser, JSON_TYPE, ruleSet, signIn, testApp, upload } from '../test/server/helpers.js';

const root = new URL('../fixtures/', import.meta.url);
const t = await testApp({ ruleSet: ruleSet(), segmenter: jiebaSegmenter() });
const who = { admin: await signIn(t, 'admin'), reviewer: await signIn(t, 'liwei'), chief: await signIn(t, 'wangfang') };

const seen = new Map<string, string>();
function normalize(s: string): string {
  return s
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (m) => {
      if (!seen.has(m)) seen.set(m, `<id-${seen.size + 1}>`);
      return seen.get(m) as string;
    })
    .replace(/hand-[\w-]{8}/g, 'hand-<x>')
    .replace(/打印时间 [\d-]+ [\d:]+/g, '打印时间 <now>')
    .replace(/(csrf[^"]*"\s*(?:value|content)=")[\w-]{40,}/gi, '$1<csrf>')
    .replace(/(name="_csrf"\s+value=")[\w-]{40,}/g, '$1<csrf>');
}

async function show(label: string, res: Response): Promise<void> {
  t.clock.t += 60_000; // distinct creation times: lists sort the same on every run
  const type = res.headers.get('content-type') ?? '';
  const body = /json|text|html|calendar|markdown|csv/.test(type) ? await res.text() : `<${(await res.arrayBuffer()).byteLength} bytes>`;
  console.log(normalize(`### ${label} → ${res.status} ${type} ${res.headers.get('location') ?? ''}`));
  console.log(normalize(body));
}

const files = ['docx', 'text', 'bad'].flatMap((dir) => readdirSync(new URL(`${dir}/`, root)).map((f) => `${dir}/${f}`)).filter((f) => !/60k/.test(f));
const ids: string[] = [];
for (const f of files) {
  const bytes = new Uint8Array(readFileSync(new URL(f, root)));
  for (const path of ['/api/parse', '/api/review']) {
    await show(`POST ${path} ${f}`, await t.app.request(path, { method: 'POST', headers: asBrowser(who.reviewer), body: upload(bytes, f.split('/')[1] as string) }));
  }
  const res = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(who.reviewer), body: upload(bytes, f.split('/')[1] as string, { department: '区市场监管局' }) });
  const copy = res.clone();
  await show(`POST /api/reviews ${f}`, res);
  if (copy.status === 201) ids.push(((await copy.json()) as { id: string }).id);
}
const text = readFileSync(new URL('text/draft-utf8.txt', root), 'utf8');
for (const body of [{ text, department: '区教育局' }, { text, department: '区教育局', packs: ['tongzhuang'] }, { text, packs: ['没有'] }, { text: '' }, { department: 'x' }]) {
  await show(`POST /api/reviews ${JSON.stringify(body).slice(0, 40)}`, await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(who.reviewer, JSON_TYPE), body: JSON.stringify(body) }));
}
const pageForm = new URLSearchParams({ _csrf: who.reviewer.csrf, text, department: '区司法局' });
await show('POST /reviews (page form)', await t.app.request('/reviews', { method: 'POST', headers: { cookie: who.reviewer.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: pageForm }));

const gets = ['/api/openapi.json', '/api/me', '/api/reviews', '/api/rules', '/api/tokens', '/', '/reviews', '/rules', '/account', '/desk', '/desk/new', '/desk/calendar', '/meetings', '/reports', '/cleanup', '/decisions', '/health', '/login'];
for (const id of ids) gets.push(`/api/reviews/${id}`, `/reviews/${id}`, `/reviews/${id}/print`);
for (const [name, b] of Object.entries(who)) {
  for (const path of name === 'reviewer' ? gets : ['/api/me', '/', '/admin/users', '/admin/audit', '/api/users', '/api/audit']) {
    await show(`GET ${path} as ${name}`, await t.app.request(path, { headers: { cookie: b.cookie } }));
  }
}
// sign-off of the first review with open findings, through both faces
if (ids[0]) {
  await show('POST /api/reviews/:id/signoff (open findings)', await t.app.request(`/api/reviews/${ids[0]}/signoff`, { method: 'POST', headers: asBrowser(who.chief) }));
}
t.close();
