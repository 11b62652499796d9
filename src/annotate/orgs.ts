/**
 * Organisations named in a sentence: companies and bodies by their suffix (…有限公司, …集团,
 * …银行, …医院, …协会, …商会, …合作社, …供销社, …中心, …研究院), bare company names that carry a trade
 * name of their own (湖州天和科技公司, “万家乐”公司, but not 运输公司, 保险公司, 区内物业公司),
 * placeholders with or without a trade word and a place in front (某公司, 某某公司, XX科技公司,
 * 湖州市某某环保科技公司, ××物业公司), agreement parties (甲方, 乙方, 丙方) and state-owned forms
 * (国有企业, 国企, 市属国企, 平台公司, 城投). Web-standard.
 */
export type OrgKind = 'named' | 'placeholder' | 'party' | 'state-owned';

export interface OrgSpan {
  start: number;
  end: number;
  text: string;
  kind: OrgKind;
}

const SUFFIX = '(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|银行|医院|协会|商会|合作社|联合社|供销社|研究院|研究所|中心|事务所)';
/** The suffix at the end of a name (what is left is its own part: 科技 in 科技有限公司). */
const SUFFIX_END = new RegExp(`${SUFFIX}$`);
/** A name: up to 16 characters of Han, Latin, digits or brackets, not crossing punctuation. */
const NAMED = new RegExp(`[\\u4e00-\\u9fa5A-Za-z0-9（）()]{2,16}?${SUFFIX}`, 'g');
/** Words a name does not start with: the verb or preposition in front of it (由某某公司, 委托某某中心). */
/** Verbs and prepositions in front of a name, longest first (给予 before 给); the verbs of using and buying too (企业使用市某协会统一采购的…). */
const LEAD_WORD = /(?:须经|需经|应经|并经|先经|用于|用作|取得|提供|提交|持有|出具的|符合|满足|执行|按照|依据|委托|选择|选用|使用|采用|采购|购买|租用|接入|聘请|确定|指定|同意|支持|扶持|奖励|补助|补贴|资助|拨付|发包|授予|给予|推荐|推介|推广|介绍|仅限|只限|限定|限于|限(?!公司|责任)|仅允许|只允许|鼓励|引进|引导|组织|通过|依托|所属|下属|旗下|参加|参与|加入|送至|送交|运往|运至|运到|送往|转运至|拉运至|送|由|从|向|与|和|及|给|对|将|为|在|到|被|请|把|或|让|须|应|的)/g;
const GENERIC = /^(?:服务|政务服务|便民服务|指挥|数据|交易|培训|检测|监测|调度|研发|技术|创新|孵化|物流|配送|营运|运营|管理|分|总|该|本|各|其他|相关|有关)(?:中心|协会|商会)$/;
/**
 * A placeholder name: 某/某某/XX/×× (not 某些, 某类, 某一…), up to 8 characters of trade words, then an
 * organisation suffix; a place ending in 省/市/县/区/镇/乡 right in front belongs to it (湖州市某某公司).
 */
const PLACEHOLDER = new RegExp(
  `(?:[\\u4e00-\\u9fa5]{2,8}?(?:省|市|县|区|镇|乡))?(?:某某?(?![些类种一项个样])|XX|××|xx|ＸＸ)[\\u4e00-\\u9fa5A-Za-z]{0,8}?(?:${SUFFIX.slice(3, -1)}|公司|企业|单位|机构)`,
  'g',
);
/** A bare …公司 (no 有限): accepted only when what is left of the name is a trade name of its own. */
const BARE = /[\u4e00-\u9fa5A-Za-z0-9（）()“”"]{2,16}?公司/g;
/** Words that make a bare …公司 a description rather than a name (设立科技公司, 各保险公司, 区内物业公司, 该公司). */
const NOT_A_NAME = /的|企业|设立|成立|组建|注册|新设|引进|等|或|^(?:各|该|本|其|此|每|区内|县内|市内|镇内|本地|外地|当地|辖区|其他|其它|相关|有关|所属|下属|一家|多家|两家|若干|新|原|国内|境内|境外|外资|内资|民营|私营)|[分子母总]$/;
/** Words no name contains: what is around them describes operators or a goal (企业与…, 设立…, 创建国家级…中心). */
const DESCRIPTION = /的|企业|设立|成立|组建|注册|新设|引进|创建|建设|打造|布局|争创|申报|认定|国家级|省级|市级|县级|区级/;
/**
 * A registered company name (…有限公司, …股份有限公司) may carry a trade word like 建设 or 城建 (许村建设开发有限公司);
 * only words that describe the act of setting one up still make it a description.
 */
const COMPANY_SUFFIX = /(?:有限责任公司|股份有限公司|有限公司)$/;
const COMPANY_DESCRIPTION = /^(?:各|该|本|其|此|每|其他|其它|相关|有关)|的|企业|设立|成立|组建|注册|新设|引进|创建|打造|布局|争创|申报|认定|国家级|省级|市级|县级|区级/;
/** Trade and service words: a name made only of them is generic (运输, 物业服务, 招标代理, 保险). */
const TRADE = /^(?:运输|物业|服务|保险|燃气|物流|科技|建筑|建设|施工|房地产|地产|开发|投资|运营|管理|贸易|劳务|担保|租赁|出租车|客运|货运|公交|供水|供电|电力|自来水|热力|通信|电信|快递|外卖|网约车|平台|中介|代理|招标|评估|会计|保安|保洁|环卫|餐饮|旅游|旅行|广告|文化|传媒|咨询|检测|监理|设计|勘察|造价|拍卖|典当|小额贷款|贷款|证券|基金|信托|工程|装饰|装修|环保|能源|新能源|农业|食品|医药|销售|配送|停车|充电|汽车|电梯|消防|维保|安装|信息|网络|软件|数据|智能|技术|实业|商贸|经营|生产|制造|加工|印刷|包装|家政|养老|教育|培训|人力资源|股份|有限)+$/;
const PARTY = /[甲乙丙丁]方/g;
const STATE_OWNED = /(?:(?:市属|区属|县属|省属|地方)?国有(?:独资|控股)?(?:企业|公司)|(?:市属|区属|县属|省属)?国企|平台公司|城投公司|城投|国资公司)/g;

/** A lead word right after a cut (发包给…, 委托由…): the name starts after that one. */
const LEAD_AT_START = new RegExp(`^${LEAD_WORD.source}`);

/**
 * Where a name may start inside a match: after the verb or preposition in front of it (由, 委托,
 * 与, 给, 的…), the latest cut first (鼓励企业与浙江某某物流…: 浙江某某物流…), then earlier ones when what is
 * left is no name (委托浙江天和科技公司: 科技公司 after 和 is generic, 浙江天和科技公司 after 委托 is a name);
 * the very start only when no such word is there.
 */
function cuts(match: string): number[] {
  const out: number[] = [];
  for (const m of match.matchAll(LEAD_WORD)) {
    const at = m.index + m[0].length;
    if (at < match.length - 2 && !LEAD_AT_START.test(match.slice(at))) out.push(at);
  }
  return out.length > 0 ? out : [0];
}

/** The first cut that leaves an acceptable name, or undefined. */
function nameStart(match: string, accept: (name: string) => boolean): number | undefined {
  return cuts(match).reverse().find((c) => accept(match.slice(c)));
}

/**
 * What each pattern needs in a text to match at all (a suffix, a placeholder mark, 公司): a text without it is not
 * searched with the pattern — the same answers, without the lazy runs of NAMED and BARE from every character.
 */
const HAS_SUFFIX = new RegExp(SUFFIX);
const HAS_PLACEHOLDER = /某|XX|××|xx|ＸＸ/;

export function findOrgs(text: string): OrgSpan[] {
  const out: OrgSpan[] = [];
  const named = HAS_SUFFIX.test(text);
  const placeholder = HAS_PLACEHOLDER.test(text);
  const bare = text.includes('公司');
  const add = (start: number, end: number, kind: OrgKind) => {
    if (out.some((o) => start < o.end && o.start < end)) return;
    out.push({ start, end, text: text.slice(start, end), kind });
  };
  for (const m of text.matchAll(STATE_OWNED)) add(m.index, m.index + m[0].length, 'state-owned');
  for (const m of text.matchAll(PARTY)) add(m.index, m.index + m[0].length, 'party');
  if (named) {
    for (const m of text.matchAll(NAMED)) {
      const cut = nameStart(
        m[0],
        (name) => name.length >= 4 && !GENERIC.test(name) && !(COMPANY_SUFFIX.test(name) ? COMPANY_DESCRIPTION : DESCRIPTION).test(name) && !TRADE.test(name.replace(SUFFIX_END, '')),
      );
      if (cut !== undefined) add(m.index + cut, m.index + m[0].length, 'named');
    }
  }
  if (placeholder) for (const m of text.matchAll(PLACEHOLDER)) add(m.index + (nameStart(m[0], () => true) ?? 0), m.index + m[0].length, 'placeholder');
  if (bare) {
    for (const m of text.matchAll(BARE)) {
      const cut = nameStart(m[0], (name) => {
        const own = name.slice(0, -2).replace(/[“”"]/g, '');
        return own.length >= 3 && !NOT_A_NAME.test(own) && !TRADE.test(own);
      });
      if (cut !== undefined) add(m.index + cut, m.index + m[0].length, 'named');
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
