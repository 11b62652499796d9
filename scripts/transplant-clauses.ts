/**
 * Clauses moved into drafts (issue 9): every labelled clause of the readable probe sets (dev halves of
 * r1/r2, held-out halves of the OPENED sets r3/r4/r5) is reviewed alone, as `fahu eval` does, and
 * again placed into a small draft of its own kind — title naming its issuer (so the jurisdiction is
 * read as in a real draft), a lead sentence, the clause as a numbered sub-item, a neutral clause after
 * it — in four numbering styles. The report counts, per style, the clauses whose verdict changes:
 * what a draft's context (jurisdiction, kind, lead, numbering) does to a clause, on ~1,600 clauses
 * rather than the ~400 labels of the probe drafts. The frames are neutral text of this script's own.
 *
 * Usage: npx tsx scripts/transplant-clauses.ts [--list] [set-dir …]
 */
import { probeFiles, readableSplits, studyRoots } from './study-sets.js';
import { ingestText } from '../src/ingest/ingest.js';
import { loadRuleSet } from '../src/node/rule-files.js';
import { runRules } from '../src/rules/engine.js';
import { clauseVerdict, locate, readProbes, type ProbeClause } from '../src/rules/probe-eval.js';

const argv = process.argv.slice(2);
const list = argv.includes('--list');
const sets = argv.filter((a) => !a.startsWith('--'));
const roots = studyRoots(sets);
const files = probeFiles;
const clauses: (ProbeClause & { issuer?: string })[] = [];
for (const root of roots) {
  for (const split of readableSplits(root)) clauses.push(...readProbes(root, split, files).clauses);
}

/** A division-naming issuer (鄞州区 → 鄞州区人民政府), else a neutral one. */
const issuerOf = (c: { issuer?: string }) => {
  const i = (c.issuer ?? '').trim();
  if (!i) return '某某县人民政府';
  return /(政府|局|委员会|办公室|管委会|街道办事处|公司|医院|中心)$/.test(i) ? i : `${i}人民政府`;
};

type Frame = (clause: string, issuer: string, kind: string) => string;
/** The clause broken into lines of 26 characters, as a hard-wrapped text file has it. */
const wrap = (c: string) => (c.match(/.{1,26}/gu) ?? [c]).join('\n');
const titleOf = (issuer: string, kind: string) =>
  kind === 'tender' ? `${issuer.replace(/人民政府$/, '')}城区公共设施维护服务采购项目评分办法及资格条件` : kind === 'agreement' ? `${issuer}与某某实业有限公司产业项目合作协议` : `${issuer}关于推进产业高质量发展的若干措施`;
const FRAMES: Record<string, Frame> = {
  // 一、（一）1. — a county policy: the clause as a sub-item under a lead
  outline: (c, issuer, kind) => `${titleOf(issuer, kind)}\n一、总体要求\n（一）各有关部门按照职责分工做好相关工作。\n二、主要措施\n（二）具体措施如下：\n1.${c}\n2.本措施所需资金由同级财政预算统筹安排。\n${issuer}\n2026年12月5日`,
  // 第N条 with 款 — a 办法 or an agreement
  article: (c, issuer, kind) =>
    `${titleOf(issuer, kind)}\n${kind === 'agreement' ? `甲方：${issuer}\n乙方：某某实业有限公司\n` : ''}第一条 为做好相关工作，制定本${kind === 'agreement' ? '协议' : '措施'}。\n第二条 ${c}\n第三条 本${kind === 'agreement' ? '协议' : '措施'}未尽事宜，由有关部门另行研究。\n${kind === 'agreement' ? `甲方（盖章）：${issuer}          乙方（盖章）：某某实业有限公司` : `${issuer}\n2026年12月5日`}`,
  // 1. 2. 3. — tender terms or a list
  numbered: (c, issuer, kind) => `${titleOf(issuer, kind)}\n1.本项目按照有关规定组织实施。\n2.${c}\n3.其他未尽事项按照有关规定执行。\n${issuer}\n2026年12月5日`,
  // a policy with a procurement section: the document's tender signals are set by another clause
  mixed: (c, issuer) => `${issuer}关于推进产业高质量发展的若干措施\n一、政府采购支持\n（一）采购人应当依法组织评审，不得对供应商实行差别待遇或者歧视待遇。\n二、主要措施\n（二）${c}\n（三）本措施所需资金由同级财政预算统筹安排。\n${issuer}\n2026年12月5日`,
  // a text file with hard line wraps (pasted or crawled): the clause broken every 26 characters
  wrapped: (c, issuer, kind) => `${titleOf(issuer, kind)}\n一、总体要求\n（一）各有关部门按照职责分工做好相关工作。\n二、主要措施\n（二）${wrap(c)}\n（三）本措施所需资金由同级财政预算统筹安排。\n${issuer}\n2026年12月5日`,
  // the clause as a sub-item under a lead that names the beneficiaries (rules also read the lead)
  lead: (c, issuer, kind) => `${titleOf(issuer, kind)}\n一、支持措施\n（一）对在本地投资兴业的各类企业，按照下列规定给予支持：\n1.${c}\n2.同一项目不重复享受。\n${issuer}\n2026年12月5日`,
  // 会议纪要 items
  minutes: (c, issuer) => `关于产业园建设有关问题的专题会议纪要\n${issuer.replace(/人民政府$/, '')}人民政府办公室　　2026年12月5日\n1月3日，分管领导主持召开专题会议，研究产业园建设有关事项。纪要如下：\n一、会议听取了有关部门的工作汇报。\n二、${c}\n三、会议要求，各有关单位按照职责抓好落实。`,
};

const ruleSet = loadRuleSet();
const options = {};
const serious = (f: { severity: string }) => f.severity !== 'low';
const rows: Record<string, { lost: string[]; added: string[] }> = Object.fromEntries(Object.keys(FRAMES).map((k) => [k, { lost: [], added: [] }]));
let aloneV = 0;
let aloneOk = 0;
const inV: Record<string, number> = {};
const inOk: Record<string, number> = {};
for (const c of clauses) {
  const alone = clauseVerdict(c.text, ruleSet, options).flagged;
  if (c.label === 'violation' && alone) aloneV++;
  if (c.label === 'ok' && alone) aloneOk++;
  for (const [style, frame] of Object.entries(FRAMES)) {
    const text = frame(c.text, issuerOf(c), c.kind);
    const doc = ingestText(text);
    const span = locate(doc, style === 'wrapped' ? wrap(c.text) : c.text);
    if (!span) throw new Error(`${c.id}: the clause is not found in its frame`);
    const hits = runRules(doc, ruleSet, options).filter(serious).filter((f) => f.start < span.end && span.start < f.end);
    const flagged = hits.length > 0;
    if (flagged && c.label === 'violation') inV[style] = (inV[style] ?? 0) + 1;
    if (flagged && c.label === 'ok') inOk[style] = (inOk[style] ?? 0) + 1;
    const row = rows[style] as { lost: string[]; added: string[] };
    if (alone && !flagged) row.lost.push(`${c.id} [${c.label}] ${c.text.slice(0, 70)}`);
    if (!alone && flagged) row.added.push(`${c.id} [${c.label}] [${hits.map((h) => h.rule).join(',')}] ${c.text.slice(0, 70)}`);
  }
}
const nV = clauses.filter((c) => c.label === 'violation').length;
const nOk = clauses.length - nV;
console.log(`条款 ${clauses.length} 条（违规 ${nV}，合法 ${nOk}）；单独审查：违规标出 ${aloneV}，合法误报 ${aloneOk}`);
for (const [style, r] of Object.entries(rows)) {
  console.log(`  ${style.padEnd(8)} 草稿中：违规标出 ${inV[style] ?? 0}，合法误报 ${inOk[style] ?? 0}；单独标出而草稿中未标 ${r.lost.length}，草稿中标出而单独未标 ${r.added.length}`);
}
if (list) {
  for (const [style, r] of Object.entries(rows)) {
    console.log(`\n${style}：单独标出而草稿中未标`);
    for (const l of r.lost) console.log(`  ${l}`);
    console.log(`${style}：草稿中标出而单独未标`);
    for (const l of r.added) console.log(`  ${l}`);
  }
}
