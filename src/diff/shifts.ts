/**
 * Quiet shifts between two versions of a clause: obligation words (应当→可以, 必须/须 added
 * or removed, 不得 dropped, 可以→应当), and changed amounts, rates, dates and time limits.
 * Counted per clause pair, so a reordered sentence is not a shift.
 */

export type ShiftKind = '义务弱化' | '义务加重' | '删除禁止性规定' | '新增禁止性规定' | '删除义务' | '新增义务';

export interface ObligationShift {
  kind: ShiftKind;
  /** 应当→可以, 删除“不得”, 新增“必须” … */
  words: string;
}

const WORDS = /无须|无需|应当|必须|不得|禁止|严禁|可以|须/g;
const MUST = ['应当', '必须', '须'];
const MAY = ['可以', '无须', '无需'];
const NOT = ['不得', '禁止', '严禁'];

function counts(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of text.match(WORDS) ?? []) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

export function obligationShifts(oldText: string, newText: string): ObligationShift[] {
  const a = counts(oldText);
  const b = counts(newText);
  const lost = new Map<string, number>();
  const gained = new Map<string, number>();
  for (const w of new Set([...a.keys(), ...b.keys()])) {
    const d = (b.get(w) ?? 0) - (a.get(w) ?? 0);
    if (d < 0) lost.set(w, -d);
    if (d > 0) gained.set(w, d);
  }
  const take = (m: Map<string, number>, among: string[]): string | undefined => {
    const w = among.find((x) => (m.get(x) ?? 0) > 0);
    if (w) m.set(w, (m.get(w) ?? 0) - 1);
    return w;
  };
  const out: ObligationShift[] = [];
  for (let w = take(lost, MUST); w; w = take(lost, MUST)) {
    const to = take(gained, MAY);
    out.push(to ? { kind: '义务弱化', words: `${w}→${to}` } : { kind: '删除义务', words: `删除“${w}”` });
  }
  for (let w = take(lost, ['可以']); w; w = take(lost, ['可以'])) {
    const to = take(gained, MUST);
    if (to) out.push({ kind: '义务加重', words: `${w}→${to}` });
  }
  for (let w = take(lost, NOT); w; w = take(lost, NOT)) out.push({ kind: '删除禁止性规定', words: `删除“${w}”` });
  for (let w = take(gained, NOT); w; w = take(gained, NOT)) out.push({ kind: '新增禁止性规定', words: `新增“${w}”` });
  for (let w = take(gained, MUST); w; w = take(gained, MUST)) out.push({ kind: '新增义务', words: `新增“${w}”` });
  return out;
}

export type ValueKind = '金额' | '比例' | '日期' | '期限' | '数量';

export interface ValueChange {
  kind: ValueKind;
  old: string[];
  new: string[];
}

const NUM = '(?:\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千万]+)';
const VALUE = new RegExp(`\\d{4}年\\d{1,2}月(?:\\d{1,2}日)?|${NUM}(?:万元|亿元|千元|元|%|％|个工作日|工作日|个月|日|天|周|年|倍|人|家|亩|平方米|万平方米)`, 'g');

function kindOf(v: string): ValueKind {
  if (/^\d{4}年\d{1,2}月/.test(v)) return '日期';
  if (/元$/.test(v)) return '金额';
  if (/[%％]$/.test(v)) return '比例';
  if (/(工作日|个月|日|天|周|年)$/.test(v)) return '期限';
  return '数量';
}

/** Values found in one version and not the other, by kind: 50万元 → 100万元, 30日 → 60日. */
export function valueChanges(oldText: string, newText: string): ValueChange[] {
  const a = oldText.match(VALUE) ?? [];
  const b = newText.match(VALUE) ?? [];
  const left = [...b];
  const removed: string[] = [];
  for (const v of a) {
    const k = left.indexOf(v);
    if (k >= 0) left.splice(k, 1);
    else removed.push(v);
  }
  const out: ValueChange[] = [];
  for (const kind of ['金额', '比例', '日期', '期限', '数量'] as ValueKind[]) {
    const o = removed.filter((v) => kindOf(v) === kind);
    const n = left.filter((v) => kindOf(v) === kind);
    if (o.length || n.length) out.push({ kind, old: o, new: n });
  }
  return out;
}
