/**
 * Places in a sentence: every administrative division of China (corpus/places/divisions.tsv)
 * by name or short name, and the relative forms (本地, 外地, 区内, 市外, 县内外), each resolved
 * against the document's jurisdiction to a locality:
 *   local   — inside the jurisdiction (吴兴区, 织里镇, 本区 in a 吴兴区 draft);
 *   wider   — a division above it (浙江省 in a 吴兴区 draft); with 内/境内/范围内 it still
 *             restricts to a region (省内业绩), marked `restricted`;
 *   outside — another division, or X外/X以外/非X of a local place (湖州市外, 外地);
 *   both    — X内外, 本地和外地 (no discrimination);
 *   unknown — a named place when the jurisdiction is not known (then `presumed`: drafts name
 *             their own place, so slot rules read it as local, and the review warns).
 * Also regions (长三角, 京津冀, 华东地区: wider when they hold the draft's province), the rest of a unit
 * (泉州市其他县（市、区）: outside), 本区以外/辖区以外/县域外 (outside) and zone units (港区内, 镇域内: local).
 * Places inside 《…》 titles are not places of the clause. Web-standard code: the TSV text is
 * handed in by the caller (src/node/place-data.ts reads it once, lazily).
 */
import { chainOf, LEVELS, type Division, type Jurisdiction, type PlaceData } from './divisions.js';

export type Locality = 'local' | 'outside' | 'both' | 'wider' | 'unknown';

export interface PlaceSpan {
  start: number;
  end: number;
  text: string;
  kind: 'named' | 'relative';
  locality: Locality;
  /** X内/境内/范围内/省内: the text restricts to the area. */
  restricted: boolean;
  /** A named place read as local because the jurisdiction is unknown. */
  presumed?: boolean;
  /** The division's code, for named places. */
  code?: string;
  /** The place names a government body (湖州市人民政府, 吴兴区商务局), not a territory. */
  government?: boolean;
}

/** Township "names" that are the words for a level (a 街道 of 河北 is called 街道): never a place of the clause. */
const GENERIC_TOWNSHIP = new Set(['街道', '乡镇', '镇', '乡', '城区', '城区街道', '社区', '开发区', '园区', '新区']);
/** The ending of a township-level name that marks it as a place (not 苗圃、林场、农场、管理区 as bare words). */
const TOWNSHIP_SUFFIX = /(?:镇|乡|街道|苏木)$/;
/** Words whose last character begins a two-character place name right after them (办理|理县, 管理|理县, 调和|和县). */
const WORD_BEFORE_NAME = new Set(['办理', '管理', '处理', '受理', '审理', '治理', '清理', '整理', '代理', '护理', '协理', '助理', '经理', '合理', '料理', '调和', '温和', '缓和', '平和',
  // 约定结算、确定结果 hold 定结 (定结县) across the word before it
  '约定', '确定', '规定', '决定', '认定', '核定', '制定', '指定', '审定', '评定', '鉴定', '商定', '议定', '选定', '设定', '限定', '法定', '协定',
  // 供应县内、相应县级 hold 应县 across the word before it
  '供应', '适应', '相应', '对应', '响应', '反应', '效应', '答应', '理应', '因应', '回应', '呼应', '照应', '顺应', '感应', '承应']);

/**
 * A township of the county that a township draft belongs to (大唐街道's draft naming 暨阳街道 or 诸暨市's other
 * towns): the same county's own area, read as local — a 街道 regulates within its county, it does not treat the
 * next town as 外地.
 */
function sameCounty(data: PlaceData, d: Division, j: Jurisdiction): boolean {
  return d.level === 'township' && j.division.level === 'township' && d.parent === j.division.parent && data.byCode.has(d.parent);
}

/** 外 that starts another word (外资, 外贸, 外商, 外籍, 外观 …), not "outside"; 县外商户, 市外商品 are outside. */
const NOT_OUT = '(?![贸籍汇包观围援协]|派(?!遣(?:机构|单位|企业|公司))|商(?![户家品铺砼贩超会])|资(?!金))';

/** 外来 naming who or what comes from elsewhere (外来企业, 外来资本, 外来水产品): outside; not 外来物种, 外来语. */
const OUTSIDE_COMERS =
  '外来(?=企业|资本|投资|经营|商户|客商|车辆|产品|商品|货物|水产品|农产品|人员|务工|劳动力|施工|运输|船舶|渔船|物资|苗木|队伍|市场主体|个体|商家|品牌|资金|供应商|厂商|户|[\u4e00-\u9fa5]{1,4}(?:企业|公司|商户|经营户|经营者|机构|单位|车辆|船只|队伍|商家|供应商|作坊|门店|户))';

const RELATIVE: [RegExp, 'local' | 'outside' | 'both' | 'province'][] = [
  [/(?:(?:本地|本市|本县|本区|本省|本镇)(?:和|及|与|或|或者|、|以及)?(?:外地|外省|外市|外县|外区|外镇|异地)|(?:外地|外省|外市|外县|外区)(?:和|及|与|或|或者|、|以及)(?:本地|本市|本县|本区|本省|本镇)|(?:区|县|市|省|镇|乡|园区|境)内外)/g, 'both'],
  [
    new RegExp(
      `(?:非本(?:地|市|县|区|省|镇|乡(?!村)|街道|辖区)|外地|${OUTSIDE_COMERS}|本?街道(?:以外|之外|外${NOT_OUT}(?![墙立侧面摆延环]))|外省|外市|外县|外区|外乡镇|(?<![郊城野境海国域门窗户内])外乡(?![村里间土音])|外镇(?![区])|外埠|异地|(?<![半群列海])岛外${NOT_OUT}(?!来)|(?<![\\u4e00-\\u9fa5])州外|(?<=[在于从到向对为本全])州外|州域外|本州以外|(?<![国红彩军党队锦战])旗外|外旗|旗域外|本旗以外|(?:辖区|市域|县域|镇域|乡域)(?:以外|之外|外${NOT_OUT})|本?(?:省外${NOT_OUT}|(?<!城)市外${NOT_OUT}|县外${NOT_OUT}|(?<![园聚发片景城社小厂矿能护范验港业街心税控务])区外${NOT_OUT}|镇外${NOT_OUT}|(?<![城下])乡外${NOT_OUT})|(?<![园聚发片景城社小厂矿能护范验港业街乡村心税控务])本?(?:省|市|县|区|镇)(?:以外|之外))`,
      'g',
    ),
    'outside',
  ],
  // the bare rest of the country (不得选择其他地区, 不在其他县（市、区）投资): elsewhere than the draft's own area
  [/(?<!本[市县区省镇乡]|我[市县区省镇]|[省市县区镇乡]内|[\u4e00-\u9fa5][省市县区镇乡])(?:其他|其它|其余)(?:县（市、区）|县\(市、区\)|县市区|县（市）|省（区、市）|省区市|省市|省份|地区|地方|城市)/g, 'outside'],
  [/(?:本省|省内|我省)/g, 'province'],
  [/(?:本地区|本地|本市|本县|本(?:园区|开发区|港区|工业园区?|产业园区?|经济开发区|高新区)|本区|本镇|本乡|本街道|本村|本社区|本岛|(?<![半群列海])岛内(?![部])|本辖区|本行政区域|本区域|辖区内|(?<![各])辖区(?=企业|经营者|经营户|商户|个体工商户|供应商|厂家|产品|商品|合作社|农户|工业企业|规上企业|规模以上企业|生产)|(?:市域|县域|镇域|乡域)(?:范围内|内)|(?:园区|港区|街区|景区|镇区|开发区)内|街道(?:辖区)?内(?![部容])|区内|县内|市内|镇内|乡内|(?<![\u4e00-\u9fa5])州内|(?<=[在于从到向对为本全])州内|州域内|本州|(?<![国红彩军党队锦战])旗内|旗域内|本旗|我旗|当地|我市|我区|我县|我镇|我乡|项目所在地|项目所在(?:县|区|市|镇|乡|村|街道|社区)|项目实施地|项目所在区域|项目实施区域|采购人所在地)/g, 'local'],
];

/**
 * Regions above a province or spanning several (长三角, 珠三角, 京津冀, 华东地区), with the provinces they hold: a
 * region holding the jurisdiction is `wider` (长三角区域内 restricts to a region, 长三角以外 is outside), another region
 * is outside. The compass regions need 地区 (华东医药 is a company).
 */
const REGIONS: [RegExp, string[]][] = [
  [/^(?:长三角|长江三角洲)/, ['31', '32', '33', '34']],
  [/^(?:珠三角|珠江三角洲)/, ['44']],
  [/^(?:粤港澳大湾区|大湾区)/, ['44', '81', '82']],
  [/^京津冀/, ['11', '12', '13']],
  [/^(?:成渝)/, ['50', '51']],
  [/^华东地区/, ['31', '32', '33', '34', '35', '36', '37']],
  [/^华南地区/, ['44', '45', '46']],
  [/^华北地区/, ['11', '12', '13', '14', '15']],
  [/^华中地区/, ['41', '42', '43']],
  [/^西南地区/, ['50', '51', '52', '53', '54']],
  [/^西北地区/, ['61', '62', '63', '64', '65']],
  [/^东北地区/, ['21', '22', '23']],
];
const REGION_START = /长三角|长江三角洲|珠三角|珠江三角洲|粤港澳大湾区|大湾区|京津冀|成渝|[华西东][东南北中]地区/g;
/** What may follow a region's name before its relation word: 长三角区域内, 成渝地区双城经济圈以外. */
const REGION_TAIL = /^(?:地区双城经济圈|双城经济圈|经济圈|城市群|一体化示范区|地区|区域|范围)?/;

/** 泉州市其他县（市、区）, 丽水市其他地区: the rest of a named unit — outside the draft's own part of it. */
const OTHER_PARTS = /^(?:内|范围内|以内)?(?:的)?(?:其他|其它|其余)(?:县（市、区）|县\(市、区\)|县（市）|县（区）|县市区|县区|区县|市县|县市|县|市|区|乡镇|乡镇（街道）|镇（街道）|镇街|镇|街道|地区|地方|区域|城市|省份|省)/;

const INSIDE = /^(?:行政区域内|范围内|区域内|辖区内|境内|以内|内)/;
const OUTSIDE_OF = new RegExp(`^(?:行政区域以外|行政区域外|范围以外|范围外|区域以外|区域外|辖区以外|辖区外|境外|以外|之外|外${NOT_OUT})`);
const BOTH = /^(?:境内外|内外)/;
const GOVERNMENT = /^(?:人民政府|政府|党委|人大|政协|管委会|[\u4e00-\u9fa5]{0,8}?(?:管理局|委员会|办公室|局|厅))/;
const NOT_GOVERNMENT = /注册|纳税|设立|落户|投资|企业|迁|结算|生产/;

/** 《…》 and “…” spans that are titles, not places of the clause. */
function titleRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/《[^》]*》/g)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** `presume`: without a jurisdiction, read named places as the issuer's own (not for State Council and ministry texts, whose 上海市 is one place among many). */
export function findPlaces(text: string, data: PlaceData | undefined, jurisdiction: Jurisdiction | undefined, presume = true): PlaceSpan[] {
  const titles = titleRanges(text);
  const inTitle = (s: number) => titles.some(([a, b]) => s >= a && s < b);
  const out: PlaceSpan[] = [];
  const taken = (s: number, e: number) => out.some((p) => s < p.end && p.start < e);
  REGION_START.lastIndex = 0;
  for (const m of text.matchAll(REGION_START)) {
    const region = REGIONS.find(([re]) => re.test(m[0]));
    if (!region || inTitle(m.index)) continue;
    const start = m.index;
    let end = start + m[0].length + (REGION_TAIL.exec(text.slice(start + m[0].length))?.[0].length ?? 0);
    if (taken(start, end)) continue;
    // a region holding the draft's province is wider; without a jurisdiction a draft names its own region (not a national text)
    const province = jurisdiction?.division.code.slice(0, 2);
    let locality: Locality = province ? (region[1].includes(province) ? 'wider' : 'outside') : presume ? 'wider' : 'unknown';
    let restricted = false;
    const rest = text.slice(end);
    const both = BOTH.exec(rest);
    const others = OTHER_PARTS.exec(rest);
    const outside = OUTSIDE_OF.exec(rest);
    const inside = INSIDE.exec(rest);
    if (both) [locality, end] = ['both', end + both[0].length];
    else if (others || outside) [locality, end] = [locality === 'outside' ? 'unknown' : 'outside', end + ((others ?? outside) as RegExpExecArray)[0].length];
    else if (inside) [restricted, end] = [true, end + inside[0].length];
    else if (/(?:区域|地区|范围)$/.test(text.slice(start, end)) && /^(?:的|企业|经营者|供应商|产品|商品)/.test(rest)) restricted = true;
    out.push({ start, end, text: text.slice(start, end), kind: 'named', locality, restricted });
  }
  if (data) {
    const matches = [...data.names.longest(text), ...(jurisdiction ? data.townshipShorts.longest(text) : [])].sort((a, b) => a.start - b.start || b.end - a.end);
    for (const m of matches) {
      if (inTitle(m.start) || taken(m.start, m.end)) continue;
      if (GENERIC_TOWNSHIP.has(m.text)) continue;
      // 办理县砂石办 holds 理县 across the word 办理: a two-character name whose first character ends a word before it
      if (m.end - m.start === 2 && WORD_BEFORE_NAME.has(text.slice(m.start - 1, m.start + 1))) continue;
      // a township-level unit named without 镇、乡、街道、苏木 (苗圃, 一良苗圃, 林场) reads as a common noun: like a short name,
      // it names a place only inside the jurisdiction
      const bareUnit = m.values.every((d) => d.level === 'township' && !TOWNSHIP_SUFFIX.test(d.name));
      if (bareUnit && !jurisdiction) continue;
      const isTownshipShort = bareUnit || m.values.every((d) => d.level === 'township' && d.short === m.text);
      // a township name several counties share (城关镇, 新华街道) names no one place unless one is the draft's own
      const sharedTownship = m.values.length > 1 && m.values.every((d) => d.level === 'township');
      let locality: Locality = 'unknown';
      let code = m.values[0]?.code;
      if (jurisdiction) {
        const local = m.values.find((d) => chainOf(data, d).has(jurisdiction.division.code) || sameCounty(data, d, jurisdiction));
        const wider = m.values.find((d) => jurisdiction.chain.has(d.code));
        if (local) [locality, code] = ['local', local.code];
        else if (wider) [locality, code] = ['wider', wider.code];
        else locality = 'outside';
        if ((isTownshipShort || sharedTownship) && locality !== 'local') continue;
      }
      // 员工中本镇户籍: a name of one character and 本镇 (中本镇, a township far away) reads as the relative 本镇, unless it is
      // the draft's own township
      if (/^[\u4e00-\u9fa5]本[镇乡县市区]$/.test(m.text) && locality !== 'local') continue;
      // without a jurisdiction a shared township name (平桥镇) is presumed the draft's own like any named place: which county's
      // it is does not matter when no place is resolved (with a jurisdiction it names no one place unless it is the draft's own)
      const rest = text.slice(m.end);
      const span: PlaceSpan = { start: m.start, end: m.end, text: m.text, kind: 'named', locality, restricted: false, ...(code ? { code } : {}) };
      const both = BOTH.exec(rest);
      const inside = INSIDE.exec(rest);
      const outside = OUTSIDE_OF.exec(rest);
      const others = OTHER_PARTS.exec(rest);
      const negated = text[m.start - 1] === '非';
      if (both) [span.locality, span.end] = ['both', m.end + both[0].length];
      else if (others && !negated) {
        // the rest of the unit: still the draft's own area only when the unit is the jurisdiction or inside it
        [span.locality, span.end] = [locality === 'local' ? 'local' : 'outside', m.end + others[0].length];
        span.restricted = span.locality === 'local';
      } else if (outside || negated) {
        span.locality = locality === 'outside' ? 'unknown' : 'outside';
        if (outside) span.end = m.end + outside[0].length;
        if (negated) span.start = m.start - 1;
      } else if (inside) [span.restricted, span.end] = [true, m.end + inside[0].length];
      else {
        const gov = GOVERNMENT.exec(rest);
        if (gov && !NOT_GOVERNMENT.test(gov[0])) span.government = true;
      }
      if (presume && span.locality === 'unknown' && !jurisdiction && !negated && !outside && !others) span.presumed = true;
      span.text = text.slice(span.start, span.end);
      out.push(span);
    }
  }
  for (const [re, kind] of RELATIVE) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const start = m.index;
      let end = start + m[0].length;
      if (inTitle(start) || taken(start, end)) continue;
      let locality: Locality = kind === 'province' ? 'local' : kind;
      let restricted = kind === 'local' || kind === 'province';
      if (kind === 'province' && jurisdiction && jurisdiction.division.level !== 'province') [locality, restricted] = ['wider', true];
      if (kind === 'local' || kind === 'province') {
        // 本区以外, 本市其他县（市、区）: outside the own area; 本市内外: both
        const rest = text.slice(end);
        const both = BOTH.exec(rest);
        // 省内其他地区 in a county draft is outside it; 本县其他乡镇 is still the county's own
        const out_ = OUTSIDE_OF.exec(rest) ?? (kind === 'province' && (locality === 'wider' || !jurisdiction) ? OTHER_PARTS.exec(rest) : null);
        if (both) [locality, restricted, end] = ['both', false, end + both[0].length];
        else if (out_ && !/^(?:内|范围内|以内)/.test(out_[0])) [locality, restricted, end] = ['outside', false, end + out_[0].length];
      }
      out.push({ start, end, text: text.slice(start, end), kind: 'relative', locality, restricted });
    }
  }
  // 从华南地区调入, 自湖州市运入: goods brought in from a wider place or a presumed one come from elsewhere
  for (const p of out) {
    if (p.kind !== 'named' || p.restricted || !(p.locality === 'wider' || (p.locality === 'unknown' && p.presumed))) continue;
    if (!/[从自]$/.test(text.slice(0, p.start)) || !BROUGHT_IN.test(text.slice(p.end))) continue;
    [p.locality, p.restricted] = ['outside', false];
    delete p.presumed;
  }
  return out.sort((a, b) => a.start - b.start);
}

const BROUGHT_IN = /^(?:的)?[^，。；]{0,3}?(?:调入|运入|调运入|调进|运进|引进|购进|输入)/;

/**
 * Does a place restrict to the issuer's own area (or a region above it: 省内, and a named division such as 浙江省 in a
 * county draft, not a region such as 长三角 without 内 — named places of a clause read alone are presumed the issuer's own, and a draft must read them alike)?
 */
export function isRegional(p: PlaceSpan): boolean {
  if (p.government) return false;
  return p.locality === 'local' || (p.locality === 'wider' && (p.restricted || (p.kind === 'named' && p.code !== undefined))) || (p.locality === 'unknown' && p.presumed === true);
}
