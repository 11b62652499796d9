/**
 * Where a draft says whose it is, besides its 落款 and the issuer before 关于 in its title (issue 9): the
 * parties of an agreement (甲方：诸暨市店口镇人民政府, 甲方（盖章）：…), the buyer of a procurement
 * (采购人：舟山市普陀区沈家门街道办事处), and a title that opens with 关于 and names its place
 * (关于临海市眼镜产业园建设推进有关问题的专题会议纪要), other names of the parties (发包方, 出让方, 甲方（政府方）, 采购人名称)
 * and a signature line naming a government body alone (南浔区双林镇人民政府（盖章））. The texts are handed to resolveJurisdiction in this
 * order; the first that names a division wins. Without any of them named places stay presumed local.
 */
import type { DocumentModel } from '../document/model.js';

/** 甲方 of an agreement, or the body that buys, tenders or issues the terms. */
const PARTY_LINE =
  /^(?:甲方|采购人|招标人|采购单位|招租人|出租人|发布单位|发包方|发包人|出让方|出让人|委托方|委托人)(?:名称)?\s*(?:[（(](?:盖章|签章|公章|政府方|政府|招商方|出让方|发包方)[）)])?\s*[：:]\s*([^\s，。；：:（(]{2,40}?)(?=乙方|[\s，。；：:（(]|$)/;

/** A signature line naming a government body alone, sealed or not: 南浔区双林镇人民政府（盖章）, 汤溪镇人民政府办公室. */
const SEAL_LINE = /^([^\s，。；：:（(]{2,40}?(?:人民政府|人民政府办公室|街道办事处|办事处|管理委员会|管委会))\s*(?:[（(](?:盖章|签章|公章)[）)])?$/;

/** Lines read for parties: the first and the last ones (front matter and signature block). */
const HEAD_LINES = 8;
const TAIL_LINES = 4;

/** The texts that may name the draft's own division, in the order they are tried (after the 落款 issuers). */
export function partyNames(doc: DocumentModel): string[] {
  const lines = doc.text.split('\n');
  const picked = [...lines.slice(0, HEAD_LINES), ...lines.slice(Math.max(HEAD_LINES, lines.length - TAIL_LINES))];
  const out: string[] = [];
  for (const line of picked) {
    // an agreement's two parties may share a line: 甲方（盖章）：X    乙方（盖章）：Y
    for (const part of line.split(/\s{2,}|\s(?=乙方)/)) {
      const m = PARTY_LINE.exec(part.trim());
      if (m?.[1] && !out.includes(m[1])) out.push(m[1]);
    }
  }
  // the signature block: a body named on a line of its own (the 落款 reader does not take it when sealed or set apart from its date)
  for (const line of lines.slice(-TAIL_LINES)) {
    const m = SEAL_LINE.exec(line.trim());
    if (m?.[1] && !out.includes(m[1])) out.push(m[1]);
  }
  return out;
}

/** The title as read for its place: the issuer before 关于, or, when it opens with 关于, the rest of it. */
export function titleForPlace(title: string): string {
  return title.startsWith('关于') ? title.slice(2) : title;
}
