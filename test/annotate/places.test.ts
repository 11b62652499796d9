import { describe, expect, it } from 'vitest';
import { parsePlaceData, resolveJurisdiction, spokenName } from '../../src/annotate/divisions.js';
import { findPlaces, isRegional, type PlaceSpan } from '../../src/annotate/places.js';
import { loadPlaceData } from '../../src/node/place-data.js';

const data = loadPlaceData();
if (!data) throw new Error('corpus/places/divisions.tsv missing');
const wuxing = resolveJurisdiction(data, { issuers: ['湖州市吴兴区人民政府办公室'] });
const brief = (ps: PlaceSpan[]) => ps.map((p) => `${p.text}:${p.locality}${p.restricted ? '+内' : ''}${p.presumed ? '?' : ''}${p.government ? '(政府)' : ''}`);

describe('the division dataset', () => {
  it('holds every level of China with parents and unambiguous short names', () => {
    expect(data.divisions.length).toBeGreaterThan(44_000);
    const byName = (n: string) => data.divisions.filter((d) => d.name === n);
    expect(byName('吴兴区')[0]).toMatchObject({ code: '330502', level: 'county', parent: '3305', short: '吴兴' });
    expect(byName('湖州市')[0]).toMatchObject({ level: 'city', parent: '33', short: '湖州' });
    expect(byName('织里镇')[0]).toMatchObject({ level: 'township', parent: '330502', short: '织里' });
    // 朝阳 is a district of Beijing and of Changchun, a city and a county: no short name
    expect(byName('朝阳区').every((d) => d.short === '')).toBe(true);
    // Beijing's districts hang from the municipality, not from the 市辖区 placeholder
    expect(byName('东城区').some((d) => d.parent === '11')).toBe(true);
  });

  it('parses the TSV format without Node (comment and header lines skipped)', () => {
    const small = parsePlaceData('# test\ncode\tname\tlevel\tparent\tshort\n33\t浙江省\tprovince\t\t浙江\n3305\t湖州市\tcity\t33\t湖州\n');
    expect(small.divisions.map((d) => d.name)).toEqual(['浙江省', '湖州市']);
    expect(small.names.longest('浙江湖州').map((m) => m.text)).toEqual(['浙江', '湖州']);
  });
});

describe('jurisdiction', () => {
  it('reads the most specific division from the issuer, the option or the title', () => {
    expect(wuxing?.division.name).toBe('吴兴区');
    expect(resolveJurisdiction(data, { option: '吴兴区' })?.source).toBe('option');
    expect(resolveJurisdiction(data, { issuers: [], title: '湖州市人民政府关于印发若干政策的通知' })?.division.name).toBe('湖州市');
    // an ambiguous district is resolved by the city named before it
    expect(resolveJurisdiction(data, { issuers: ['南京市鼓楼区人民政府'] })?.division.code.startsWith('3201')).toBe(true);
    expect(resolveJurisdiction(data, { issuers: ['某某公司'] })).toBeUndefined();
  });
});

describe('places in a sentence, resolved against a 吴兴区 draft', () => {
  const places = (t: string) => brief(findPlaces(t, data, wuxing));
  it('reads named places as local, wider or outside', () => {
    expect(places('对在吴兴区注册并纳税的企业，湖州市外的奖励10万元')).toEqual(['吴兴区:local', '湖州市外:outside']);
    expect(places('在上海市注册的企业')).toEqual(['上海市:outside']);
    expect(places('5年内不得将注册地迁出织里镇')).toEqual(['织里镇:local']);
    expect(places('在织里注册的企业')).toEqual(['织里:local']);
  });

  it('treats 浙江省内 and 省内 in a county draft as a region (wider, restricted), and 浙江省 alone as wider, a region too', () => {
    const ps = findPlaces('浙江省内业绩加2分，省内企业优先，浙江省企业', data, wuxing);
    expect(brief(ps)).toEqual(['浙江省内:wider+内', '省内:wider+内', '浙江省:wider']);
    // a named place above the draft's own (浙江省 in a 吴兴区 draft) marks off a region as the same name does
    // in a clause read alone (presumed the issuer's own): 获得浙江省示范项目称号的加3分 is regional either way
    expect(ps.map(isRegional)).toEqual([true, true, true]);
    // a government body of that place is not a region
    expect(findPlaces('由浙江省人民政府批准', data, wuxing).map(isRegional)).toEqual([false]);
  });

  it('reads the relative forms and X内外 as both', () => {
    expect(places('区内外企业均可申报，外地企业须在本镇设立分公司')).toEqual(['区内外:both', '外地:outside', '本镇:local+内']);
    expect(places('非湖州市企业')).toEqual(['非湖州市:outside']);
    // 外来 naming an operator or goods from elsewhere, and 街道外 in a street's draft, are outside; 外来物种, 街道外立面 are not places
    expect(places('外来企业须缴纳保证金，从街道外采购的不计入')).toEqual(['外来:outside', '街道外:outside']);
    expect(places('防止外来物种入侵，整治街道外立面')).toEqual([]);
    // 外来 with a trade between it and the operator (外来家政企业, 外来砂石运输车辆); 外来人口管理 names no operator
    expect(places('外来家政企业须提供担保，外来砂石车辆另行登记')).toEqual(['外来:outside', '外来:outside']);
    // 本地外地 side by side, with no 和 between, is both sides
    expect(places('不分本地外地，一律执行同一标准')).toEqual(['本地外地:both']);
    // households from elsewhere (外来户, 外来养殖户) are operators too; 外来人口 stays none
    expect(places('外来养殖户租金上浮，外来户另行登记，外来人口管理')).toEqual(['外来:outside', '外来:outside']);
    // 辖区企业 are the area's own firms; 各辖区 (each area) and 辖区派出所 are not a local condition
    expect(places('原则上在辖区企业中选择，各辖区企业自行申报，辖区派出所负责')).toEqual(['辖区:local+内']);
    expect(places('做好外来人口管理服务')).toEqual([]);
  });

  it('reads an autonomous prefecture by the name documents use (恩施州) and 州内/州外 as relative forms, not 湖州内', () => {
    expect(spokenName('恩施土家族苗族自治州')).toBe('恩施州');
    expect(spokenName('红河哈尼族彝族自治州')).toBe('红河州');
    expect(spokenName('伊犁哈萨克自治州')).toBe('伊犁州');
    expect(spokenName('景宁畲族自治县')).toBe('景宁县');
    expect(spokenName('湖州市')).toBeUndefined();
    expect(places('州外企业须提供证明，在州内注册的免于提供')).toEqual(['州外:outside', '州内:local+内']);
    // 湖州内…: the city's name takes 州, no bare 州内 of its own
    expect(places('湖州内河航道').some((p) => p.startsWith('州内'))).toBe(false);
    // the project's own town or village (项目所在镇, 项目所在村) is the draft's local area, as 项目所在地 is
    expect(places('优先从项目所在镇招用，到项目所在村踏勘')).toEqual(['项目所在镇:local+内', '项目所在村:local+内']);
    // a village's or community's own area (本村, 本社区) is local, as 本镇 is
    expect(places('使用本村劳动力，本社区居民')).toEqual(['本村:local+内', '本社区:local+内']);
    // the draft's own park or zone (本园区, 本开发区) is local too; 本区 stays the district
    expect(places('须在本园区注册，本开发区企业，本区企业')).toEqual(['本园区:local+内', '本开发区:local+内', '本区:local+内']);
    // 外乡 (another township) is outside like 外镇; 郊外乡村 and 外乡村 are no township outside
    expect(places('外乡俱乐部在本乡组织活动')).toEqual(['外乡:outside', '本乡:local+内']);
    expect(places('郊外乡村道路').some((p) => p.startsWith('外乡'))).toBe(false);
    // 县外派遣机构 is a dispatch agency from outside the county; 县外派人员 (staff the county sends out) names no place
    expect(places('县外派遣机构在本县派遣')).toEqual(['县外:outside', '本县:local+内']);
    expect(places('本县外派人员').some((p) => p.endsWith(':outside'))).toBe(false);
    // the street's own area (街道内) is local, as 镇内 is; 街道外 is outside
    expect(places('街道外企业每月检查，街道内企业每季度检查')).toEqual(['街道外:outside', '街道内:local+内']);
    // 员工中本镇户籍人员: 中本镇 is a township of 黑龙江, but here it is 中 + the relative 本镇
    expect(places('乙方招用员工中本镇户籍人员不低于60%')).toEqual(['本镇:local+内']);
  });

  it('skips places inside 《》 titles and marks government bodies', () => {
    expect(places('依据《浙江省促进中小企业发展条例》，湖州市人民政府决定')).toEqual(['湖州市:wider(政府)']);
  });
});

describe('without a jurisdiction', () => {
  it('presumes named places local (drafts name their own place) and keeps relative words', () => {
    const ps = findPlaces('在吴兴区注册的企业，湖州市外的企业，本地企业', data, undefined);
    expect(brief(ps)).toEqual(['吴兴区:unknown?', '湖州市外:outside', '本地:local+内']);
    expect(isRegional(ps[0] as PlaceSpan)).toBe(true);
  });

  it('ignores township short names (too many common words) unless they are inside the jurisdiction', () => {
    expect(brief(findPlaces('在织里注册', data, undefined))).toEqual([]);
  });

  it('works with relative words only when no dataset is given', () => {
    expect(brief(findPlaces('本地企业和吴兴区企业', undefined, undefined))).toEqual(['本地:local+内']);
  });
});

describe('national texts', () => {
  it('do not presume a named place to be their own', () => {
    const ps = findPlaces('支持上海市、广东省开展试点', data, undefined, false);
    expect(ps.map((p) => p.presumed ?? false)).toEqual([false, false]);
    expect(ps.some(isRegional)).toBe(false);
  });
});

describe('township names and zone words', () => {
  const zhuji = resolveJurisdiction(data, { issuers: ['诸暨市人民政府'] });
  const datang = resolveJurisdiction(data, { issuers: ['诸暨市大唐街道办事处'] });
  it('does not read a bare 街道 or 乡镇 as a place (a township of 河北 is called 街道)', () => {
    expect(brief(findPlaces('车辆途经乡镇（街道）出具的同意意见', data, zhuji))).toEqual([]);
    expect(brief(findPlaces('由街道统一组织排查', data, undefined))).toEqual([]);
    // the words outside-goods-barrier once needed a government-subject blocker for (各镇（街道）不得干预…)
    expect(brief(findPlaces('市商务局和各镇（街道）不得干预加油站经营者依法自主定价', data, zhuji))).toEqual([]);
    expect(brief(findPlaces('由属地街道暂停其生产许可申请的盖章', data, undefined))).toEqual([]);
  });

  it('reads a township of the own county as local, also in a township draft; another county\'s town stays outside', () => {
    expect(brief(findPlaces('暨阳街道的企业', data, zhuji))).toEqual(['暨阳街道:local']);
    expect(datang?.division.name).toBe('大唐街道');
    expect(brief(findPlaces('暨阳街道的企业，织里镇的企业', data, datang))).toEqual(['暨阳街道:local', '织里镇:outside']);
  });

  it('leaves a township name that many counties share (城关镇) unresolved unless it is the draft\'s own', () => {
    expect(brief(findPlaces('城关镇企业', data, zhuji))).toEqual([]);
  });

  it('presumes a shared township name the draft\'s own when the jurisdiction is unknown, like any named place', () => {
    expect(brief(findPlaces('城关镇企业', data, undefined))).toEqual(['城关镇:unknown?']);
    expect(brief(findPlaces('应当优先从平桥镇注册企业采购', data, undefined))).toEqual(['平桥镇:unknown?']);
    expect(brief(findPlaces('城关镇企业', data, undefined, false))).toEqual(['城关镇:unknown']);
  });

  it('does not read 园区外, 集聚区外 as outside the district; 区外 alone still is', () => {
    expect(brief(findPlaces('集聚区外的印染企业全额收取，园区外企业', data, wuxing))).toEqual([]);
    expect(brief(findPlaces('区外企业', data, wuxing))).toEqual(['区外:outside']);
  });
});

describe('relations after a place: X以外, the rest of a unit, regions, zone units (session 8)', () => {
  const places = (t: string, j = wuxing) => brief(findPlaces(t, data, j));
  it('reads 本区以外, 本市外, 辖区以外, 县域外 as outside, and 外资/外贸/外观 as no relation', () => {
    expect(places('本区以外的企业，本市外的供应商')).toEqual(['本区以外:outside', '本市外:outside']);
    expect(places('辖区以外的运输车辆，县域外的砂石')).toEqual(['辖区以外:outside', '县域外:outside']);
    expect(places('本市外资企业、本县外贸企业')).toEqual(['本市:local+内', '本县:local+内']);
    expect(places('城市外观整治')).toEqual([]);
  });

  it('reads 县外商户, 市外商品, 县外商家 as outside, and 本市外商投资企业 as no relation (session 8 round 2)', () => {
    expect(places('对县外商户、市外商品、县外商家')).toEqual(['县外:outside', '市外:outside', '县外:outside']);
    expect(places('本市外商投资企业')).toEqual(['本市:local+内']);
  });

  it('reads a named unit with 行政区域以外/境外 as outside and with 行政区域内 as restricted', () => {
    expect(places('湖州市行政区域以外的企业')).toEqual(['湖州市行政区域以外:outside']);
    expect(places('吴兴区行政区域内的企业')).toEqual(['吴兴区行政区域内:local+内']);
  });

  it('reads the rest of a unit (湖州市其他县区) as outside, unless the unit is the draft\'s own or inside it', () => {
    expect(places('湖州市其他县区的企业')).toEqual(['湖州市其他县区:outside']);
    expect(places('吴兴区其他乡镇的企业')).toEqual(['吴兴区其他乡镇:local+内']);
    const huzhou = resolveJurisdiction(data, { option: '湖州市' });
    expect(places('湖州市其他县区的企业', huzhou)).toEqual(['湖州市其他县区:local+内']);
    expect(places('泉州市其他县（市、区）的产品', undefined)).toEqual(['泉州市其他县（市、区）:outside']);
  });

  it('reads regions by the provinces they hold: 长三角 is wider for a 浙江 draft, 珠三角 is outside', () => {
    expect(places('长三角区域内的新增产能，珠三角企业，产地在长三角以外的')).toEqual(['长三角区域内:wider+内', '珠三角:outside', '长三角以外:outside']);
    expect(places('华东地区的企业')).toEqual(['华东地区:wider+内']);
    // a compass region needs 地区: 华东医药 is a company; a region on its own is descriptive, not a restriction
    expect(places('华东医药股份有限公司')).toEqual([]);
    const ps = findPlaces('推进长三角一体化发展', data, wuxing);
    expect(brief(ps)).toEqual(['长三角:wider']);
    expect(ps.some(isRegional)).toBe(false);
    // without a jurisdiction a draft names its own region; a national text does not
    expect(brief(findPlaces('成渝地区双城经济圈以外的企业', data, undefined))).toEqual(['成渝地区双城经济圈以外:outside']);
    expect(findPlaces('京津冀地区内企业', data, undefined, false).some(isRegional)).toBe(false);
  });

  it('reads the bare rest of the country (其他地区, 其他县（市、区）) as outside, 省内其他地区 as outside a county draft only', () => {
    expect(places('不得选择其他地区，不在其他县（市、区）投资')).toEqual(['其他地区:outside', '其他县（市、区）:outside']);
    expect(places('省内其他地区的企业')).toEqual(['省内其他地区:outside']);
    expect(places('本市其他县（市、区）')).toEqual(['本市:local+内']);
    const zhejiang = resolveJurisdiction(data, { option: '浙江省' });
    expect(places('省内其他地区的企业', zhejiang)).toEqual(['省内:local+内']);
  });

  it('reads a wider or presumed place goods are brought in from (从华南地区调入) as outside, not a restricted one (从浙江省内调入)', () => {
    expect(places('从华南地区调入的生猪，自湖州市运入的砂石')).toEqual(['华南地区:outside', '湖州市:outside']);
    expect(places('从浙江省内调入的砂石')).toEqual(['浙江省内:wider+内']);
    expect(brief(findPlaces('从湖州市调入的砂石', data, undefined))).toEqual(['湖州市:outside']);
  });

  it('reads 港区内, 镇域内 as the local unit; 港区外, 街区外 are not outside the district', () => {
    expect(places('港区内企业，镇域内企业')).toEqual(['港区内:local+内', '镇域内:local+内']);
    expect(places('港区外企业，街区外商户')).toEqual([]);
  });

  it('reads the own island of an island district: 本岛, 岛内 local, 岛外 outside; 半岛, 海岛 are no relation', () => {
    expect(places('岛外运入的水产品，本岛渔船，岛内企业')).toEqual(['岛外:outside', '本岛:local+内', '岛内:local+内']);
    expect(places('半岛外侧，海岛外来游客')).toEqual([]);
  });

  it('reads 非本乡, 非本街道 (not of the own township or street) as outside', () => {
    expect(places('非本乡籍人员创办的茶企，非本街道注册的机构')).toEqual(['非本乡:outside', '非本街道:outside']);
  });

  it('reads a zone of a plan (核心区, 保税区, 管控区, 商务区) with 以外/外 as no place', () => {
    expect(places('核心区以外的街区照常经营，保税区外企业，管控区外车辆，商务区以外商户')).toEqual([]);
    expect(places('本区以外企业，区外企业')).toEqual(['本区以外:outside', '区外:outside']);
  });
});

describe('names that are words', () => {
  it('does not read a two-character county across a word (办理|理县) or a bare township unit (苗圃) as a place', () => {
    expect(brief(findPlaces('车辆须办理县砂石办核发的准运证。', data, undefined))).toEqual([]);
    // 约定结算 and 确定结果 hold 定结 (定结县) across the words 约定, 确定
    expect(brief(findPlaces('依照合同约定结算租金，确定结果后公示。', data, undefined))).toEqual([]);
    // a banner (旗, Inner Mongolia's county) has its relative forms too; 国旗 is not one
    expect(brief(findPlaces('为旗外企业提供担保的按2.5%收取，旗内企业按1%收取。', data, undefined))).toEqual(['旗外:outside', '旗内:local+内']);
    expect(brief(findPlaces('悬挂国旗外，不得悬挂其他旗帜。', data, undefined))).toEqual([]);
    // 供应县内 holds 应县 (Shanxi's 应县) across 供应: the place is 县内, not 应县内
    expect(brief(findPlaces('原木应当优先供应县内加工企业。', data, undefined))).toEqual(['县内:local+内']);
    expect(brief(findPlaces('投标苗木为本县苗圃培育的。', data, undefined))).toEqual(['本县:local+内']);
    expect(brief(findPlaces('投标苗木为本县苗圃培育的。', data, wuxing))).toEqual(['本县:local+内']);
    // 镇外 + 商砼企业 (ready-mixed concrete firms) is outside; 市外商投资 is foreign investment, not 市外
    expect(brief(findPlaces('镇外商砼企业向镇内工程供应混凝土的', data, undefined))[0]).toBe('镇外:outside');
    expect(brief(findPlaces('本市外商投资企业', data, undefined)).some((p) => p.includes('outside'))).toBe(false);
    // the county itself is still read where it is named
    expect(brief(findPlaces('在理县注册的企业', data, undefined)).map((s) => s.split(':')[0])).toEqual(['理县']);
    // 新建 (a verb) is no short name of 新建区; the full name still is a place
    expect(brief(findPlaces('在乡内新建加工厂的，按设备投资额的25%给予补助。', data, undefined))).toEqual(['乡内:local+内']);
    expect(brief(findPlaces('南昌市新建区企业', data, undefined)).map((s) => s.split(':')[0])).toContain('新建区');
  });
});
