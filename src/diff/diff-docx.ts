/** A version comparison as .docx on the 公文 page: deletions struck through in red, insertions underlined in blue. */
import { Document, Packer, TextRun } from 'docx';
import { blank, body, font, FONTS, gongwenSection, heading1, run, SIZES, title } from '../report/writers/gongwen.js';
import type { VersionComparison } from './compare.js';
import { changeHeading, fateLines, shiftLines, summaryLines } from './diff-report.js';

function pieceRun(text: string, op: 'same' | 'added' | 'removed'): TextRun {
  const base = { text, font: font(FONTS.body), size: SIZES.hao3 };
  if (op === 'removed') return new TextRun({ ...base, strike: true, color: 'C00000' });
  if (op === 'added') return new TextRun({ ...base, underline: {}, color: '1F4E99' });
  return new TextRun(base);
}

export async function comparisonDocx(d: VersionComparison, titles: { old: string; new: string }): Promise<Uint8Array> {
  const children = [title('版本比较'), body([`${titles.old} → ${titles.new}`], { align: 'center', indent: false }), blank()];
  if (d.note) children.push(body([d.note]));
  else {
    children.push(heading1('一、概况'), ...summaryLines(d).map((l) => body([l])));
    const shifts = shiftLines(d);
    children.push(heading1('二、需要注意的变化'), ...(shifts.length ? shifts : ['未发现义务用语、数额或期限的变化。']).map((l) => body([l])));
    children.push(heading1('三、问题的处理情况'), ...(d.fates.length ? fateLines(d) : ['两个版本均无审查问题。']).map((l) => body([l])));
    children.push(heading1('四、逐条变化'));
    for (const c of d.changes) {
      if (c.kind === 'same' || (c.kind === 'moved' && !c.pieces)) continue;
      children.push(body([run(changeHeading(c), { font: FONTS.heading2 })]));
      if (c.pieces) children.push(body(c.pieces.map((p) => pieceRun(p.text.replace(/\n/g, ' '), p.op))));
      else children.push(body([pieceRun((c.kind === 'added' ? c.new : c.old).map((s) => s.text).join(' '), c.kind === 'added' ? 'added' : 'removed')]));
    }
  }
  const doc = new Document({ creator: '法护', sections: [gongwenSection(children)] });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
