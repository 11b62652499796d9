/** A decision to store and search in the tests. */
import type { DecisionInput } from '../../src/decisions/types.js';

export const SAMPLE: DecisionInput = {
  key: 'test:1', title: '关于促进童装产业发展的若干意见', docNumber: '湖吴政办发〔2026〕8号', issuer: '吴兴区人民政府', department: '区经信局', date: '2026-03-01',
  reviewType: '公平竞争审查', clauseText: '享受扶持的企业须承诺十年内不迁出本区，否则退还奖励。', clausePath: '一、（二）', category: '限制市场准入和退出',
  rule: 'exit-barrier-no-relocation', outcome: '修改', reasoning: '设置市场退出障碍，应删除迁出限制。', basis: ['《公平竞争审查条例》第八条第（四）项'], reviewer: '李伟',
  tags: ['限制迁移'], sourceKind: 'own', sourceRef: '/reviews/x',
  noticeAuthority: '', noticeTitle: '', noticeDate: null, noticeAddress: '',
};
