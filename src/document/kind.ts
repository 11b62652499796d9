/**
 * What kind of 公文 a document is — the triage a reviewer does before any procedural check: a 规章 (政府令)
 * needs no 有效期, a 招标公告 or a 会议纪要 is not a 行政规范性文件, a 批复 answers one requester. Read from the
 * title, the 文号, the issuer and the body, with the reason in words. The title's draft marker
 * (（征求意见稿）（送审稿）…) is split off into `draftStage`.
 */
import type { DocumentKind } from './model.js';

export interface KindInput {
  title: string;
  docNumber?: string;
  issuers: string[];
  text: string;
  /** A numbered body (第N条 or 一、…). */
  hasNumberedBody: boolean;
}

export interface KindResult {
  kind: DocumentKind;
  reason: string;
}

const DRAFT_MARK = /[（(【\[]\s*(征求意见稿|公开征求意见稿|送审稿|草案|草稿|讨论稿|代拟稿|修改稿|审议稿|报审稿|草案征求意见稿)\s*[）)】\]]/;

/** "某某办法（征求意见稿）" → title "某某办法", stage "征求意见稿". */
export function splitDraftStage(title: string): { title: string; draftStage?: string } {
  const m = DRAFT_MARK.exec(title);
  if (!m) return { title };
  const rest = (title.slice(0, m.index) + title.slice(m.index + m[0].length)).trim();
  return { title: rest, draftStage: m[1] as string };
}

/** Does the kind set rules for the public for a period, so that it must state 有效期? */
export function kindNeedsValidity(kind: DocumentKind): boolean {
  return kind === 'normative' || kind === 'policy';
}

const ORDER_NUMBER = /(?:政府令|人民政府令|部令|局令|委令|署令|令)\s*[（(]?第\s*\d+\s*号/;

/** A 条例 title, or a 人大常委会 vote in the opening lines ("2020年5月15日浙江省第十三届人民代表大会常务委员会第二十一次会议通过"). */
const LEGISLATURE_VOTE = /人民代表大会(?:常务委员会)?[^。\n]{0,30}(?:通过|批准)/;

export function documentKindOf(input: KindInput): KindResult {
  const { title, docNumber = '', text } = input;
  const head = text.slice(0, 600);
  // a 法规 (行政法规, 地方性法规) may itself set licences, penalties and measures within 许可法第十五条、处罚法第十二条、强制法第十条
  const bareTitle = title.replace(/（(?:试行|暂行|草案)）$/, '');
  if (/条例$/.test(bareTitle) || (LEGISLATURE_VOTE.test(head) && /(规定|办法|规则|决定)$/.test(bareTitle))) {
    return { kind: 'law', reason: /条例$/.test(bareTitle) ? '标题为“条例”，属于法规' : '由人民代表大会常务委员会通过，属于地方性法规' };
  }
  if (ORDER_NUMBER.test(docNumber) || ORDER_NUMBER.test(title) || (/现予公布/.test(head) && ORDER_NUMBER.test(head))) {
    return { kind: 'regulation', reason: '以政府令（令第N号）公布，属于规章' };
  }
  if (/(招标公告|招标文件|采购公告|采购文件|磋商文件|谈判文件|询价文件|比选文件|遴选公告|招标方案)$/.test(title) || /^(?:招标公告|采购公告)/.test(title)) {
    return { kind: 'tender', reason: `标题为“${title.slice(-4)}”，属于招标采购文件` };
  }
  // the scoring rules and qualifications of one procurement: 某某采购项目评分办法及资格条件, 采购需求及评分办法
  if (/(?:采购|招标|投标|比选|磋商|遴选|招租)/.test(title) && /(?:评分办法|评分细则|评分标准|评审办法|评标办法|资格条件|资格要求|采购需求)(?:[及和与][^，。]{0,12})?$/.test(title)) {
    return { kind: 'tender', reason: '标题为一个采购项目的需求、资格条件或评分办法，属于招标采购文件' };
  }
  // one transaction put out to the market: 摊位招租公告, 挂牌出让公告, 资产拍卖公告, 运营单位征集公告, 厂房招租方案
  if (/(?:招租|出租|出让|拍卖|挂牌|竞价|竞租|比选|遴选|磋商|谈判|询价|征集|招商|招募)(?:公告|公示|方案|文件|须知|邀请书|邀请函)$/.test(title) || /关于[^，。]{0,20}(?:公开招租|招租|出让|拍卖|遴选|比选|征集|招募)[^，。]{0,30}的(?:公告|通告)$/.test(title)) {
    return { kind: 'tender', reason: '标题为一次招租、出让、拍卖、比选或征集的公告或方案，属于招标采购文件' };
  }
  if (/(协议|合同|协议书|合同书|备忘录|框架协议|意向书|承诺书|确认书)(?:（[^）]*）)?$/.test(title)) {
    return { kind: 'agreement', reason: '标题为协议或合同，属于协议类文件' };
  }
  if (/(会议纪要|纪要)(?:（[^）]*）|〔[^〕]*〕[^，。]{0,6})?$/.test(title) || /^(?:专题|办公|常务)?会议纪要/.test(title)) {
    return { kind: 'minutes', reason: '标题为会议纪要' };
  }
  if (/批复$/.test(title)) return { kind: 'reply', reason: '标题为批复，针对特定请示事项' };
  // 公示 (a list or a result made public), 函 (to one addressee), 通报 (an account of what happened): not normative
  if (/(?:公示|的函|复函|通报)$/.test(title)) {
    return { kind: 'other', reason: `标题为“${title.slice(-2)}”，针对特定事项，不是面向不特定对象的规范性文件` };
  }
  if (/(工作意见|工作方案|工作要点|工作计划|工作总结|实施方案|行动方案|分工方案|任务分工)$/.test(title.replace(/（(?:试行|暂行)）$/, ''))) {
    return { kind: 'other', reason: '标题为工作意见或工作方案，通常为部署内部工作的文件' };
  }
  // how the administration itself works (国办发〔2018〕115号 二、（三）：行政机关内部执行的管理规范、工作制度 … 不纳入规范性文件
  // 合法性审核范围): the rules of its own reviews, meetings and procedures — 公平竞争审查细则, 合法性审核工作规则, 议事规则
  if (/(?:公平竞争审查(?:工作)?|合法性审核(?:工作)?|合法性审查(?:工作)?|审查工作|审核工作|议事|会议|内部管理|内部控制)(?:细则|办法|规则|规程|制度|指引)(?:（(?:试行|暂行)）)?$/.test(title)) {
    return { kind: 'other', reason: '标题为行政机关内部执行的工作制度（审查、审核、议事规则），不纳入规范性文件合法性审核范围' };
  }
  if (/(若干政策|政策措施|若干措施|扶持政策|支持政策|奖励政策|补助政策|政策意见)(?:（(?:试行|暂行)）)?$/.test(title)) {
    return { kind: 'policy', reason: '标题为扶持、奖补类政策措施，涉及经营者经济活动' };
  }
  if (/(规定|办法|细则|规则|实施意见|指导意见|意见|决定|通告|公告|标准|目录|清单|若干规定|管理规定|政策|措施)(?:（(?:试行|暂行)）)?$/.test(title)) {
    return { kind: 'normative', reason: `标题以“${title.replace(/（(?:试行|暂行)）$/, '').slice(-2)}”结尾，面向不特定对象设定权利义务，按行政规范性文件审核` };
  }
  if (/通知$/.test(title) && /关于印发/.test(title)) {
    return { kind: 'normative', reason: '印发通知所附文件按行政规范性文件审核' };
  }
  if (input.hasNumberedBody && /(应当|不得|须|可以|给予|禁止)/.test(text)) {
    return { kind: 'normative', reason: '正文分条设定权利义务，按行政规范性文件审核' };
  }
  return { kind: 'other', reason: title ? '标题未显示文件种类' : '没有标题，无法判断文件种类' };
}
