/** Recognisers for the lines of a draft that are not numbered body text. */

export const DATE_RE = /^(?:(\d{4})|([〇○零一二三四五六七八九]{4}))年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日$/;

/** 文号: issuer code, year in 〔〕 (drafts: [ ] ( ) 【 】), serial, 号. The serial may be blank in a draft. */
export const DOC_NUMBER_RE = /[\u4e00-\u9fff]{1,16}[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*(\d*)\s*号/;
const DOC_NUMBER_LINE_RE = new RegExp(`^(?:${DOC_NUMBER_RE.source})$`);

export const DOC_TYPE_RE = /(规定|办法|细则|实施意见|指导意见|意见|通知|若干政策|政策|若干措施|措施|方案|规则|决定|条例|规划|纲要|指引|公告|通告|目录|清单|标准|批复|函|纪要|协议|协议书|合同|合同书|备忘录|招标公告|招标文件|采购文件|采购需求|资格条件|评分标准)(?:（(?:试行|暂行)）)?$/;

const ORG_END_RE = /(人民政府|办公厅|办公室|委员会|管委会|管理委员会|政府|国务院|局|厅|部|委|办|院|中心|公司|协会|街道办事处|镇|乡|总局|署|会|所|队)$/;

const PUBLISH_NOTE_RE = /^[（(]此件(?:公开发布|主动公开|不予公开|不公开|依申请公开)[）)]$/;

/** What a web page prints around a crawled text: 发布时间：… 来源：… 浏览次数：… */
export const PAGE_META_LINE = /^(?:发布时间|发布日期|发文日期|成文日期|来源|信息来源|浏览次数|访问量|点击数|字号|作者|索引号)\s*[：:]/;

/**
 * Could this first line be a title? A title has no sentence punctuation and does not end like a lead-in; a
 * document that opens with its preamble (为…，制定本办法。) has none.
 */
export function looksLikeTitle(line: string): boolean {
  if (line.length < 4 || line.length > 80) return false;
  if (/[。；！？]/.test(line) || /[：:，,]$/.test(line)) return false;
  if (PAGE_META_LINE.test(line)) return false;
  return !/^(?:为|根据|按照|依据|经)/.test(line) || isTitleLike(line);
}

export function isDateLine(line: string): boolean {
  return DATE_RE.test(line);
}

/** The number of a 规章: "湖州市人民政府令第25号", or "湖州市人民政府令" over "第25号". */
const ORDER_LINE_RE = /^(?:[\u4e00-\u9fff]{2,24}令[（(]?第\d{1,4}号[）)]?|[\u4e00-\u9fff]{2,24}(?:政府|部|局|委员会|署|委)令|[（(]?第\d{1,4}号[）)]?)$/;

/** The issue number of a 纪要 or 简报: "〔2027〕第15期", "专题会议纪要〔2026〕3号" is a 文号 already. */
const ISSUE_LINE_RE = /^[\u4e00-\u9fff]{0,16}[〔\[［(（【](?:19|20)\d{2}[〕\]］)）】]第\d{1,4}[期次]$/;

export function isDocNumberLine(line: string): boolean {
  const compact = line.replace(/\s+/g, '');
  return DOC_NUMBER_LINE_RE.test(compact) || ORDER_LINE_RE.test(compact) || ISSUE_LINE_RE.test(compact);
}

/** 主送机关: "各乡镇人民政府、街道办事处，区级各部门：" */
export function isAddresseeLine(line: string): boolean {
  if (!/[：:]$/.test(line) || line.length > 120) return false;
  if (/[。；]/.test(line)) return false;
  return /(各|人民政府|部门|单位|局|委|办|管委会|机构|厅|处|公司)[^：:]*[：:]$/.test(line);
}

/** A line holding only issuing organisations (落款), possibly several separated by spaces. */
export function isIssuerLine(line: string): boolean {
  if (line.length > 80 || /[。，；：、]/.test(line)) return false;
  const names = line.split(/\s+/).filter(Boolean);
  return names.length > 0 && names.every((n) => n.length >= 2 && n.length <= 30 && ORG_END_RE.test(n));
}

/** An issuer and its date on one line, set apart by spaces, as a 纪要 prints them under its title: the issuer part, else undefined. */
export function issuerAndDate(line: string): { issuer: string; date: string } | undefined {
  const m = /^(\S.{1,40}?)\s*((?:\d{4}|[〇○零一二三四五六七八九]{4})年\S{1,3}月\S{1,3}日)(?:印发|发布)?$/.exec(line);
  if (!m || !isIssuerLine(m[1] as string) || !isDateLine(m[2] as string)) return undefined;
  return { issuer: m[1] as string, date: m[2] as string };
}

/** （征求意见稿） （送审稿） and other marks of a draft's stage. */
export function isDraftMarker(line: string): boolean {
  return /^[（(【\[](?:征求意见稿|公开征求意见稿|送审稿|草案|草稿|讨论稿|代拟稿|修改稿|审议稿|报审稿)[）)】\]]$/.test(line);
}

export function isPublishNote(line: string): boolean {
  return PUBLISH_NOTE_RE.test(line);
}

/** A title of a (sub-)document: no sentence punctuation, ends with a document type word. */
export function isTitleLike(line: string): boolean {
  if (line.length < 4 || line.length > 80) return false;
  if (/[。；：，！？]/.test(line)) return false;
  return DOC_TYPE_RE.test(line);
}

/** "附件" / "附件1" / "附件 2：" standing alone: the start of an attachment. */
export function attachmentHeading(line: string): { number: number } | undefined {
  const m = /^附件\s*(\d{1,2}|[一二三四五六七八九十]{1,3})?\s*[：:]?$/.exec(line);
  if (!m) return undefined;
  const raw = m[1];
  const n = raw === undefined ? 1 : /^\d+$/.test(raw) ? Number(raw) : '一二三四五六七八九十'.indexOf(raw) + 1;
  return { number: n > 0 ? n : 1 };
}

/** "附件：1.……" — the attachment list in the body of the notice. */
export function isAttachmentList(line: string): boolean {
  return /^附件\s*[：:]\s*\S/.test(line);
}

/** Closing provisions: 施行日期, 有效期, 废止, 解释. */
export const CLOSING_RE = /(自.{0,24}之日起.{0,6}施行|自\d{4}年\d{1,2}月\d{1,2}日起.{0,10}(?:施行|执行|实施)|有效期|执行期限|政策期限|实施期限|试行期|同时废止|予以废止|负责解释|解释权)/;
