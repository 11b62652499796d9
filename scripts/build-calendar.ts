/**
 * Builds corpus/calendar/official.json — statutory holidays and 调休 working days of the
 * years fahu ships — from the data of the npm package chinese-days (MIT, © 2024 Yawei sun),
 * which transcribes the State Council General Office's annual notices (国务院办公厅关于
 * ××××年部分节假日安排的通知). fahu reads the JSON at run time, never the package, so the
 * Workers build needs no extra dependency. Run: npx tsx scripts/build-calendar.ts [首年 末年]
 *
 * The package's data stops at its last year; a year not in the JSON is "not published" for
 * fahu (src/desk/calendar.ts warns instead of guessing). Newer years are loaded by an
 * administrator (fahu calendar load, or the 节假日 page), not by editing this file.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const PACKAGE_JSON = require.resolve('chinese-days/package.json');
const PACKAGE_DIR = dirname(PACKAGE_JSON);
const OUT_DIR = join(import.meta.dirname, '..', 'corpus', 'calendar');

const [first = 2024, last = 2026] = process.argv.slice(2).map(Number);

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** "National Day,国庆节,3" → "国庆节". */
const chineseName = (value: string): string => value.split(',')[1] ?? value;

/** The notice URL of each year, from the comments above each year in the package's source. */
function noticeUrls(): Map<number, string> {
  const source = readFileSync(join(PACKAGE_DIR, 'src', 'holidays', 'generate.ts'), 'utf8');
  const urls = new Map<number, string>();
  for (const m of source.matchAll(/\*\s*(\d{4})\s*\n\s*\*\s*(https:\/\/www\.gov\.cn\/\S+)/g)) urls.set(Number(m[1]), m[2] as string);
  return urls;
}

const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string };
const data = JSON.parse(readFileSync(join(PACKAGE_DIR, 'dist', 'chinese-days.json'), 'utf8')) as PackageData;
const urls = noticeUrls();

const years: Record<string, unknown> = {};
for (let year = first; year <= last; year++) {
  const pick = (days: Record<string, string>) =>
    Object.fromEntries(Object.entries(days).filter(([d]) => d.startsWith(`${year}-`)).sort(([a], [b]) => a.localeCompare(b)).map(([d, v]) => [d, chineseName(v)]));
  const holidays = pick(data.holidays);
  if (Object.keys(holidays).length === 0) throw new Error(`chinese-days ${pkg.version} has no data for ${year}`);
  years[String(year)] = {
    notice: `国务院办公厅关于${year}年部分节假日安排的通知`,
    ...(urls.has(year) ? { url: urls.get(year) } : {}),
    holidays,
    workdays: pick(data.workdays),
  };
}

const out = {
  attribution: `节假日和调休上班日期取自国务院办公厅每年发布的部分节假日安排通知，经 npm 包 chinese-days ${pkg.version}（MIT 许可，© 2024 Yawei sun，许可文本见 LICENSE-chinese-days）整理；由 scripts/build-calendar.ts 生成。`,
  generatedFrom: `chinese-days@${pkg.version}`,
  years,
};

mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'official.json'), `${JSON.stringify(out, null, 1)}\n`);
copyFileSync(join(PACKAGE_DIR, 'LICENSE'), join(OUT_DIR, 'LICENSE-chinese-days'));
console.log(`corpus/calendar/official.json: ${first}–${last}（chinese-days ${pkg.version}）`);
