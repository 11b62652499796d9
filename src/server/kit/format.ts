/** Small helpers the pages share: China Standard Time, labels, query strings. */
import type { Context } from 'hono';
import type { User } from '../../store/types.js';
import type { AppEnv } from '../env.js';

export { SEVERITY_LABELS } from '../../review/core.js';

/** What a page needs to know about who is asking. */
export interface Viewer {
  user: User | null;
  csrf: string;
  path: string;
}

export function viewerOf(c: Context<AppEnv>): Viewer {
  return { user: c.var.user ?? null, csrf: c.var.csrfToken ?? '', path: c.req.path };
}

const CST_MS = 8 * 3600_000;

/** "2026-12-01 10:00" in China Standard Time (no daylight saving, so a fixed offset is exact). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + CST_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export function formatDay(iso: string | null | undefined): string {
  return formatTime(iso).slice(0, 10);
}

/** Audit actions in words; unknown ones are shown as they are. */
export const ACTION_LABELS: Record<string, string> = {
  login: '登录',
  'login.fail': '登录失败',
  logout: '退出',
  'user.create': '新建用户',
  'user.role': '修改角色',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.password': '修改密码',
  'token.create': '创建令牌',
  'token.revoke': '撤销令牌',
  'document.upload': '上传原件',
  'review.create': '新建审查',
  'review.sign': '签发',
  'review.void': '作废审查记录',
  'review.restore': '撤销作废审查记录',
  'desk.void': '作废送审件',
  'desk.restore': '撤销作废送审件',
  'desk.meeting.void': '作废会审',
  'desk.meeting.restore': '撤销作废会审',
  'admin.purge': '永久删除已作废的测试数据',
  'corpus.import': '导入本地法规文本',
  'corpus.void': '作废本地法规文本',
  'finding.confirm': '确认问题',
  'finding.dismiss': '排除问题',
  'finding.reopen': '重新打开问题',
  'finding.suggest': '修改建议',
  'finding.add': '手工添加问题',
  'setting.set': '修改设置',
  'review.fcr_form': '填写公平竞争审查表',
  'access.denied': '拒绝访问',
  'session.secret': '生成会话密钥',
  'review.jurisdiction': '修改审查地域',
  'desk.create': '登记送审件',
  'desk.assign': '指定承办人',
  'desk.link': '关联预审记录',
  'desk.unlink': '取消关联预审记录',
  'desk.version': '上传新版本',
  'desk.outcome': '记录会审结论',
  'desk.materials': '登记送审材料',
  'desk.deadlines': '修改审查时限设置',
  'desk.meeting': '安排集中会审',
  'desk.start': '开始审查',
  'desk.return': '退回补正',
  'desk.resubmit': '补正收到',
  'desk.opinion': '出具意见',
  'desk.close': '办结',
  'calendar.load': '导入工作日历',
  'decision.import': '导入审查案例',
  'decision.notice': '修改审查案例的通报信息',
  'cleanup.import': '导入清理清单',
  'cleanup.attach': '上传清理文件正文',
  'cleanup.decide': '作出清理结论',
  'cleanup.deadline': '修改清理截止日期',
  'cleanup.packs': '选择清理规则包',
  'cleanup.confirm': '确认清理文件正文',
  'cleanup.void': '作废专项清理',
  'cleanup.restore': '撤销作废专项清理',
  'cleanup.void.item': '作废清单文件',
  'cleanup.restore.item': '撤销作废清单文件',
  'cleanup.purge': '永久删除已作废的清理数据',
};

/** `?a=1&b=2` from the non-empty values, with `page` replaced. */
export function queryWith(params: Record<string, string | number | undefined>, page?: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && k !== 'page') q.set(k, String(v));
  if (page !== undefined && page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function basisLabel(b: { law: string; article: string; item?: string | undefined }): string {
  return `《${b.law}》${b.article}${b.item ? `第${b.item}项` : ''}`;
}
