/**
 * The kind of a document or clause, read from its words: a tender or procurement text
 * (投标人, 供应商, 评分, 资格要求, 标项), an agreement or minutes (甲方/乙方, 协议, 纪要), a
 * management rule (办法, 规定, 细则 without money), else a policy measure. Used by slot rules
 * (`requires: [tender]`), by `rules test` (example kinds) and by `fahu eval --by-source`.
 */
export const DOCUMENT_KINDS = ['policy', 'tender', 'agreement', 'management'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface KindSignals {
  /** 甲方 and 乙方, or 协议/合同/纪要 in the title. */
  agreement: boolean;
  /** An operator word of procurement and a word of scoring or qualification. */
  tender: boolean;
}

// 投标设备、响应产品、参选单位：tender terms often name the tendered goods or the bidder's form rather than 投标人
const TENDER_PARTY = /投标人|供应商|竞标人|磋商|响应人|中标人|招标人|采购人|投标(?:单位|产品|设备|货物|食材|材料|报价|文件)|响应(?:产品|文件)|成交人|比选人|参选单位|评标委员会/;
const TENDER_TERMS = /评分|得分|资格要求|资格条件|资格预审|标项|评标|评审|招标|采购文件|报价|分值|技术参数|偏离|最高投标限价|采购预算|开标|[得加计减扣]\s*\d+(?:\.\d+)?\s*分/;

export function kindSignals(text: string, title = ''): KindSignals {
  return {
    agreement: (/甲方/.test(text) && /乙方/.test(text)) || /协议|合同|纪要|备忘录/.test(title),
    tender: TENDER_PARTY.test(text) && TENDER_TERMS.test(text),
  };
}

/** A text that reads government procurement or tender terms: a bidder or buyer, evaluation, or a procurement procedure. */
export const readsProcurement = (text: string) => TENDER_PARTY.test(text) || TENDER_TERMS.test(text) || /政府采购|招标|投标|比选|磋商|询价|竞争性谈判|遴选|入围|发包/.test(text);

/** Best guess of the kind: agreement, tender, management rule, else policy measure. */
export function guessKind(text: string, title = ''): DocumentKind {
  const s = kindSignals(text, title);
  if (s.agreement) return 'agreement';
  if (s.tender || /招标|采购|投标|比选|磋商/.test(title)) return 'tender';
  if (/奖励|补贴|补助|资助|奖补|扶持|优惠|政策|措施|意见/.test(`${title}${text}`)) return 'policy';
  return 'management';
}
