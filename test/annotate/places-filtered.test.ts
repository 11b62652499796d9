/** The place table read for some texts only (parsePlaceData's `only`) answers as the whole table for those texts. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { charMask, divisionIn, occurrencesOf, parsePlaceData, placeLines, resolveJurisdiction, type PlaceData } from '../../src/annotate/divisions.js';
import { findPlaces } from '../../src/annotate/places.js';
import { packagePath } from '../../src/node/package-root.js';

const tsv = readFileSync(packagePath('corpus', 'places', 'divisions.tsv'), 'utf8');
const full = parsePlaceData(tsv);

const TEXTS = [
  '湖州市吴兴区人民政府办公室关于印发织里镇童装产业扶持办法的通知',
  '优先采购本区企业产品，外地企业须在吴兴区设立分支机构；长三角地区、浙江省内业绩优先。',
  '泉州市其他县（市、区）的企业不得参与；本市以外的供应商另行规定。',
  readFileSync(packagePath('fixtures', 'text', 'draft-utf8.txt'), 'utf8'),
];

describe('parsePlaceData for some texts only', () => {
  it('finds the same places, divisions and jurisdictions in them as the whole table', () => {
    const part = parsePlaceData(tsv, charMask(TEXTS.join('\n')));
    expect(part.divisions.length).toBeLessThan(full.divisions.length / 5);
    for (const text of TEXTS.flatMap((t) => t.split('\n'))) {
      const j = (d: typeof full) => resolveJurisdiction(d, { issuers: [text], title: text, fallback: '吴兴区' });
      const answer = (d: typeof full) => {
        const jj = j(d);
        return JSON.stringify([findPlaces(text, d, jj, true), findPlaces(text, d, undefined, true), divisionIn(d, text)?.code, jj && [jj.division.code, jj.source, [...jj.chain]]]);
      };
      expect(answer(part)).toBe(answer(full));
    }
  });

  it('answers the same with the lines found ahead (placeLines) as without', () => {
    const lines = placeLines(tsv);
    const same = (d: typeof full) => JSON.stringify([d.divisions, d.names.all(TEXTS.join('\n')), d.townshipShorts.all(TEXTS.join('\n'))]);
    for (const text of [...TEXTS, TEXTS.join('\n'), '织里镇', tsv.slice(0, 100_000)]) {
      const mask = charMask(text);
      expect(same(parsePlaceData(tsv, mask, lines))).toBe(same(parsePlaceData(tsv, mask)));
    }
  });

  it('makes the ancestors of what it keeps, wherever their lines are', () => {
    // the township's county and city come after it in the file; only the township's name is in the text
    const small = '# t\ncode\tname\tlevel\tparent\tshort\n330502101\t织里镇\ttownship\t330502\t织里\n33\t浙江省\tprovince\t\t浙江\n330502\t吴兴区\tcounty\t3305\t吴兴\n3305\t湖州市\tcity\t33\t湖州\n110101\t东城区\tcounty\t11\t东城\n';
    const part = parsePlaceData(small, charMask('织里镇'));
    expect(part.divisions.map((d) => d.code)).toEqual(['330502101', '33', '330502', '3305']);
    expect(part.names.all('织里镇').map((m) => m.text)).toEqual(['织里镇']);
    expect(part.names.all('吴兴区东城区')).toEqual([]);
    expect(parsePlaceData(small).divisions).toHaveLength(5);
  });

  it('answers with inText (the names occurring in the text) as with the characters alone, in the text and every part of it', () => {
    const lines = placeLines(tsv);
    const dir = packagePath('fixtures', 'eval-docs');
    const docs = [...TEXTS, ...readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(`${dir}/${f}`, 'utf8'))];
    for (const text of docs) {
      const mask = charMask(text);
      const byChars = parsePlaceData(tsv, mask, lines);
      const byNames = parsePlaceData(tsv, mask, lines, occurrencesOf(text));
      expect(byNames.divisions.length).toBeLessThanOrEqual(byChars.divisions.length);
      const answer = (d: PlaceData, part: string) => {
        const j = resolveJurisdiction(d, { issuers: [part], title: part, fallback: '吴兴区' });
        const codes = (ms: { start: number; text: string; values: { code: string }[] }[]) => ms.map((m) => [m.start, m.text, m.values.map((v) => v.code)]);
        return JSON.stringify([codes(d.names.longest(part)), codes(d.townshipShorts.longest(part)), findPlaces(part, d, j, true), findPlaces(part, d, undefined, true), j && [j.division.code, j.source, [...j.chain]]]);
      };
      for (const part of [text, ...text.split(/[\n。；]/)]) expect(answer(byNames, part)).toBe(answer(byChars, part));
    }
  });

  it('with inText, makes an autonomous division named by its spoken name where the characters alone make it (as an ancestor)', () => {
    const small = '# t\ncode\tname\tlevel\tparent\tshort\n42\t湖北省\tprovince\t\t湖北\n4228\t恩施土家族苗族自治州\tcity\t42\t\n422802\t利川市\tcounty\t4228\t利川\n';
    const names = (d: PlaceData, text: string) => d.names.longest(text).map((m) => [m.text, m.values.map((v) => v.code)]);
    // 恩施州 is read where the characters of 利川市 are in the text (the prefecture made as its ancestor), not otherwise
    const read = (text: string) => {
      const mask = charMask(text);
      const byNames = names(parsePlaceData(small, mask, undefined, occurrencesOf(text)), text);
      expect(byNames).toEqual(names(parsePlaceData(small, mask), text));
      return byNames;
    };
    expect(read('恩施州的企业')).toEqual([]);
    expect(read('恩施州的企业（川市利）')).toEqual([['恩施州', ['4228']]]);
    expect(read('恩施州的企业，利川市')).toEqual([['恩施州', ['4228']], ['利川市', ['422802']]]);
  });
});
