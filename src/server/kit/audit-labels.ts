/**
 * The audit log in words: what an entry acted on (清单文件 12, not cleanup-item:12) and its
 * details (理由：…；原结论：无, not `previous: null`), with rule ids as their rule titles and
 * decision codes as their Chinese names. Used by the audit page; unknown keys keep their name.
 */
import { DECISION_LABELS } from '../../cleanup/model.js';
import { REQUEST_STATUS_LABELS } from '../../desk/workflow.js';
import { REQUEST_KIND_LABELS } from '../../desk/kinds.js';
import { ROLE_LABELS } from '../../store/types.js';

const TARGETS: Record<string, string> = {
  review: '审查记录', desk: '送审件', meeting: '会审', cleanup: '专项清理', 'cleanup-item': '清单文件', user: '用户', token: '令牌',
  document: '原件', setting: '设置', calendar: '工作日历', file: '文件', decision: '审查案例',
};

/** "cleanup-item:12" → "清单文件 12"; "review:abc#designated-brand@i2" → "审查记录 abc 的问题“指定品牌”" (a finding by its rule's title). */
export function targetText(target: string, ruleTitle: (id: string) => string | undefined = () => undefined): string {
  const m = /^([a-z-]+):(.*)$/.exec(target);
  if (!m) return target === 'voided' ? '已作废的数据' : target;
  const [, kind = '', rest = ''] = m;
  const [id, finding] = rest.split('#');
  const label = TARGETS[kind] ?? '对象';
  if (!finding) return `${label} ${id}`;
  const title = ruleTitle(finding.split('@')[0] ?? '');
  return `${label} ${id} 的${title ? `问题“${title}”` : finding.startsWith('hand') ? '手工添加的问题' : '一个问题'}`;
}

const KEYS: Record<string, string> = {
  reason: '理由', title: '标题', decision: '结论', previous: '原结论', clauses: '涉及条款', basis: '法律依据', campaign: '专项清理', rows: '行数', fileName: '文件名',
  created: '新建', from: '原值', to: '新值', job: '任务', files: '文件数', unmatched: '未对应', ruleId: '规则', rule: '规则', suggestion: '修改建议', note: '备注',
  day: '日期', via: '来源', previousReason: '原作废理由', olderThanDays: '作废满天数', before: '作废早于', reviews: '审查记录', requests: '送审件', items: '清单文件',
  campaigns: '专项清理', mismatch: '不一致之处', role: '角色', name: '名称', key: '设置项', value: '值', department: '部门', docNumber: '文号', count: '数量', hash: '文件摘要',
  category: '类别', status: '状态', assignee: '承办人', reviewId: '审查记录', requestId: '送审件', version: '版本', outcome: '结论', year: '年份', packs: '规则包',
  kind: '类别', noticeAuthority: '发布机关', noticeTitle: '通报标题', noticeDate: '通报日期', noticeAddress: '通报网址或文号', received: '收到材料', withdrawn: '撤回材料', receivedOn: '收件日期', priority: '优先审查',
};

const CODES: Record<string, string> = { ...DECISION_LABELS, ...REQUEST_STATUS_LABELS, ...REQUEST_KIND_LABELS, ...ROLE_LABELS, cli: '命令行' };

/** A detail value for people: rule ids as titles, codes as their Chinese names, null as 无. */
function valueText(v: unknown, ruleTitle: (id: string) => string | undefined): string {
  if (v === null || v === undefined || v === '') return '无';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return ruleTitle(v) ?? CODES[v] ?? v;
  if (Array.isArray(v)) return v.length ? v.map((x) => valueText(x, ruleTitle)).join('、') : '无';
  return detailText(v as Record<string, unknown>, ruleTitle);
}

export function detailText(d: Record<string, unknown>, ruleTitle: (id: string) => string | undefined = () => undefined): string {
  return Object.entries(d)
    .filter(([k]) => k !== 'via')
    .map(([k, v]) => `${KEYS[k] ?? k}：${valueText(v, ruleTitle)}`)
    .join('；');
}
