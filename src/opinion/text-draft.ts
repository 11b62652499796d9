/**
 * A draft that came as text (.txt, .md, pasted): a plain .docx built from its canonical text,
 * one paragraph a line in 仿宋 3号, so it can carry the same Word comments as a .docx draft.
 */
import { Document, Packer } from 'docx';
import { body, gongwenSection, title } from '../report/writers/gongwen.js';
import type { AnchorText } from './annotate-docx.js';

export async function textDraftDocx(text: string, titleText: string): Promise<{ bytes: Uint8Array; anchor: AnchorText }> {
  const lines = text.split('\n');
  const children = lines.map((line, i) => (i === 0 && line === titleText ? title(line, { asWritten: true }) : body([line], { indent: false })));
  const doc = new Document({ creator: '法护', sections: [gongwenSection(children)] });
  const bytes = new Uint8Array(await Packer.toArrayBuffer(doc));
  const offsets = new Uint32Array(text.length + 1).map((_, i) => i);
  return { bytes, anchor: { text, original: text, originalOffsets: offsets } };
}
