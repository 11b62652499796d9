/** A version comparison as text, Markdown or JSON: the summary, the shifts and values, each changed clause, the findings' fates. */
import type { ClauseChange, VersionComparison } from './compare.js';
import { FATE_LABELS } from './fates.js';

export const CHANGE_LABELS: Record<ClauseChange['kind'], string> = { same: '未改动', changed: '修改', moved: '移动', split: '拆分', merged: '合并', added: '新增', removed: '删除' };

const paths = (sides: { path: string }[]) => sides.map((s) => s.path || '（无编号）').join('、');

export function changeHeading(c: ClauseChange): string {
  const o = paths(c.old);
  const n = paths(c.new);
  switch (c.kind) {
    case 'added':
      return `新增 ${n}`;
    case 'removed':
      return `删除 ${o}`;
    case 'split':
      return `拆分 ${o} → ${n}`;
    case 'merged':
      return `合并 ${o} → ${n}`;
    case 'moved':
      return `移动 ${o} → ${n}`;
    default:
      return `${CHANGE_LABELS[c.kind]} ${o === n ? o : `${o} → ${n}`}`;
  }
}

/** The pieces with 〔删：…〕 and 〔增：…〕 marks. */
export function markedPieces(c: ClauseChange): string {
  if (!c.pieces) return c.kind === 'added' ? c.new.map((s) => s.text).join('\n') : c.old.map((s) => s.text).join('\n');
  return c.pieces.map((p) => (p.op === 'same' ? p.text : !p.text.trim() ? '' : p.op === 'removed' ? `〔删：${p.text}〕` : `〔增：${p.text}〕`)).join('');
}

export function summaryLines(d: VersionComparison): string[] {
  const k = d.counts;
  return [
    `按内容对应：${Math.round(d.similarity * 100)}%`,
    `条款：未改动 ${k.same}，修改 ${k.changed}，移动 ${k.moved}，拆分 ${k.split}，合并 ${k.merged}，新增 ${k.added}，删除 ${k.removed}；编号变化 ${k.renumbered}`,
    `义务用语变化 ${k.shifts} 处，数额、期限变化 ${k.values} 处`,
  ];
}

export function shiftLines(d: VersionComparison): string[] {
  const out: string[] = [];
  for (const c of d.changes) {
    const where = paths(c.new.length ? c.new : c.old);
    for (const s of c.shifts) out.push(`【${s.kind}】${where}：${s.words}`);
    for (const v of c.values) out.push(`【${v.kind}变化】${where}：${v.old.join('、') || '（无）'} → ${v.new.join('、') || '（无）'}`);
  }
  return out;
}

export function fateLines(d: VersionComparison): string[] {
  return d.fates.map((f) => {
    const x = f.new ?? f.old;
    const where = f.fate === 'still' && f.old && f.new && f.old.path !== f.new.path ? `${f.old.path || '全文'} → ${f.new.path || '全文'}` : x?.path || '全文';
    return `${FATE_LABELS[f.fate]}：${where} ${x?.title ?? ''}（“${x?.quote ?? ''}”）`;
  });
}

export function comparisonText(d: VersionComparison, titles: { old: string; new: string }): string {
  const out = [`版本比较：${titles.old} → ${titles.new}`];
  if (d.note) return [...out, '', d.note].join('\n');
  out.push(...summaryLines(d));
  const shifts = shiftLines(d);
  if (shifts.length) out.push('', '需要注意的变化：', ...shifts.map((s) => `  ${s}`));
  if (d.fates.length) out.push('', '问题的处理情况：', ...fateLines(d).map((s) => `  ${s}`));
  const changed = d.changes.filter((c) => c.kind !== 'same' && !(c.kind === 'moved' && !c.pieces));
  const moved = d.changes.filter((c) => c.kind === 'moved' && !c.pieces);
  const renumbered = d.changes.filter((c) => c.renumbered && c.kind === 'same');
  if (changed.length) {
    out.push('', '逐条变化：');
    for (const c of changed) out.push(`  ${changeHeading(c)}`, `    ${markedPieces(c).replace(/\n/g, '\n    ')}`);
  }
  if (moved.length) out.push('', '移动（文字未改）：', ...moved.map((c) => `  ${changeHeading(c)}`));
  if (renumbered.length) out.push('', '仅编号变化：', `  ${renumbered.map((c) => `${paths(c.old)} → ${paths(c.new)}`).join('；')}`);
  if (d.timedOut) out.push('', `提示：${d.timedOut} 处条款过长，逐词比较超时，按整句列出。`);
  return out.join('\n');
}

export function comparisonMarkdown(d: VersionComparison, titles: { old: string; new: string }): string {
  const out = [`# 版本比较：${titles.old} → ${titles.new}`, ''];
  if (d.note) return [...out, `> ${d.note}`].join('\n');
  out.push(...summaryLines(d).map((l) => `- ${l}`), '');
  const shifts = shiftLines(d);
  if (shifts.length) out.push('## 需要注意的变化', '', ...shifts.map((s) => `- ${s}`), '');
  if (d.fates.length) out.push('## 问题的处理情况', '', ...fateLines(d).map((s) => `- ${s}`), '');
  const changed = d.changes.filter((c) => (c.kind !== 'same' && c.pieces !== undefined) || c.kind === 'added' || c.kind === 'removed');
  if (changed.length) {
    out.push('## 逐条变化', '');
    for (const c of changed) {
      const body = c.pieces ? c.pieces.map((p) => (p.op === 'same' ? p.text : p.op === 'removed' ? `~~${p.text}~~` : `**${p.text}**`)).join('') : markedPieces(c);
      out.push(`### ${changeHeading(c)}`, '', body.replace(/\n/g, '  \n'), '');
    }
  }
  return out.join('\n');
}
