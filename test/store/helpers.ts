/** Shared test setup: an in-memory store with cheap scrypt, a parsed draft and two findings on it. */
import { ingestText } from '../../src/ingest/ingest.js';
import { scryptHasher } from '../../src/node/scrypt-hasher.js';
import { openSqlite } from '../../src/node/sqlite-driver.js';
import { documentJson } from '../../src/document/document-json.js';
import type { Review } from '../../src/review/review.js';
import type { Finding } from '../../src/rules/findings.js';
import { migrate } from '../../src/boot/migrations.js';
import { Store } from '../../src/store/store.js';

/** Fast parameters for tests only. */
export const fastHasher = scryptHasher({ N: 1024, r: 8, p: 1 });

export const DRAFT = `关于支持童装企业发展的若干措施
湖吴政办发〔2026〕8号
各乡镇人民政府、街道办事处：
一、加大扶持
（一）对在本镇注册的童装企业给予补助。
（二）支持企业参加展会，限本地企业报名。
本措施自2027年1月1日起施行，有效期2年。
吴兴区人民政府
2026年12月1日
`;

export function sampleReview(): Review {
  const document = documentJson(ingestText(DRAFT));
  const finding = (id: string, quote: string, severity: Finding['severity']): Finding => {
    const start = document.text.indexOf(quote);
    if (start < 0) throw new Error(`not in draft: ${quote}`);
    const clause = document.clauses.filter((c) => c.start <= start && start + quote.length <= c.end).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    return {
      id, rule: `rule-${id}`, title: `问题 ${id}`, category: '限制市场准入和退出', severity, clauseId: clause?.id ?? '', path: clause?.path ?? '',
      quote, start, end: start + quote.length, basis: [{ law: '公平竞争审查条例', article: '第八条', text: '……' } as never], explanation: '限定经营者', suggestion: '删除',
    };
  };
  return { document, findings: [finding('f1', '在本镇注册的', 'high'), finding('f2', '限本地企业报名', 'medium')] };
}

export interface Fixture {
  store: Store;
  close(): void;
  clock: { t: number };
}

/** A migrated in-memory store with a movable clock. */
export async function memoryStore(): Promise<Fixture> {
  const driver = openSqlite(':memory:');
  await migrate(driver);
  const clock = { t: Date.parse('2026-12-01T02:00:00Z') };
  const store = new Store(driver, { hasher: fastHasher, now: () => new Date(clock.t) });
  return { store, clock, close: () => driver.close() };
}

/** An admin, a reviewer (科员) and a chief (科长). */
export async function withUsers(store: Store) {
  const admin = await store.createUser({ name: 'admin', role: 'admin', password: 'admin-pass-1' }, null);
  const reviewer = await store.createUser({ name: 'liwei', displayName: '李伟', role: 'reviewer', password: 'reviewer-pass' }, admin.id);
  const chief = await store.createUser({ name: 'wangfang', displayName: '王芳', role: 'chief', password: 'chief-pass-1' }, admin.id);
  return { admin, reviewer, chief };
}
