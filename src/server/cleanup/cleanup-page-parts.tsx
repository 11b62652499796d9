/**
 * Bits the 专项清理 pages share: who may do what (from CLEANUP_ROLES), percentages, the
 * deadline line and the decision badge.
 */
import { CLEANUP_ROLES } from '../../cleanup/cleanup-store.js';
import { DECISION_LABELS, type CampaignProgress, type Decision } from '../../cleanup/model.js';
import type { Viewer } from '../kit/format.js';

export const can = (viewer: Viewer, what: keyof typeof CLEANUP_ROLES) => !!viewer.user && CLEANUP_ROLES[what].includes(viewer.user.role);
export const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 100));

export function Deadline({ p }: { p: CampaignProgress }) {
  if (!p.campaign.deadline) return <span class="muted">未设截止日期</span>;
  const late = p.daysLeft !== null && p.daysLeft < 0;
  return (
    <span class={late && p.undecided > 0 ? 'cleanup-overdue' : undefined}>
      截止 {p.campaign.deadline}（{late ? `已逾期 ${-(p.daysLeft ?? 0)} 天` : p.daysLeft === 0 ? '今天截止' : `剩 ${p.daysLeft} 天`}）
    </span>
  );
}

export function DecisionBadge({ d }: { d: Decision | null }) {
  return <span class={`status-badge decision-${d ?? 'none'}`}>{d ? DECISION_LABELS[d] : '未决定'}</span>;
}
