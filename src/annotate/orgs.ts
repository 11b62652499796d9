/**
 * Organisations named in a sentence: companies and bodies by their suffix (…有限公司, …集团,
 * …银行, …医院, …协会, …商会, …合作社, …中心, …研究院), placeholders (某公司, 某企业, XX公司),
 * agreement parties (甲方, 乙方, 丙方) and state-owned forms (国有企业, 国企, 市属国企,
 * 平台公司, 城投). Web-standard.
 */
export type OrgKind = 'named' | 'placeholder' | 'party' | 'state-owned';

export interface OrgSpan {
  start: number;
  end: number;
  text: string;
  kind: OrgKind;
}

const SUFFIX = '(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|银行|医院|协会|商会|合作社|研究院|研究所|中心|事务所)';
/** A name: up to 16 characters of Han, Latin, digits or brackets, not crossing punctuation. */
const NAMED = new RegExp(`[\\u4e00-\\u9fa5A-Za-z0-9（）()]{2,16}?${SUFFIX}`, 'g');
/** Words a name does not start with: the verb or preposition in front of it (由某某公司, 委托某某中心). */
const LEAD = /^(?:.*(?:由|委托|向|与|和|及|给|对|将|为|在|到|经|被|请|把|或|交|让|选择|确定|指定|同意|支持|鼓励|引进|引导|组织|通过|依托|须|应|的))/;
const GENERIC = /^(?:服务|政务服务|便民服务|指挥|数据|交易|培训|检测|监测|调度|研发|技术|创新|孵化|物流|配送|营运|运营|管理|分|总|该|本|各|其他|相关|有关)(?:中心|协会|商会)$/;
const PLACEHOLDER = /(?:某某?|XX|××|xx)(?:公司|企业|集团|单位|机构|中心|银行|医院)/g;
const PARTY = /[甲乙丙丁]方/g;
const STATE_OWNED = /(?:(?:市属|区属|县属|省属|地方)?国有(?:独资|控股)?(?:企业|公司)|(?:市属|区属|县属|省属)?国企|平台公司|城投公司|城投|国资公司)/g;

export function findOrgs(text: string): OrgSpan[] {
  const out: OrgSpan[] = [];
  const add = (start: number, end: number, kind: OrgKind) => {
    if (out.some((o) => start < o.end && o.start < end)) return;
    out.push({ start, end, text: text.slice(start, end), kind });
  };
  for (const m of text.matchAll(STATE_OWNED)) add(m.index, m.index + m[0].length, 'state-owned');
  for (const m of text.matchAll(PLACEHOLDER)) add(m.index, m.index + m[0].length, 'placeholder');
  for (const m of text.matchAll(PARTY)) add(m.index, m.index + m[0].length, 'party');
  for (const m of text.matchAll(NAMED)) {
    let start = m.index;
    const lead = LEAD.exec(m[0]);
    if (lead && lead[0].length < m[0].length - 2) start += lead[0].length;
    const name = text.slice(start, m.index + m[0].length);
    if (GENERIC.test(name) || name.length < 4) continue;
    add(start, m.index + m[0].length, 'named');
  }
  return out.sort((a, b) => a.start - b.start);
}
