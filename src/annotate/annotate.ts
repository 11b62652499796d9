/**
 * The annotation layer between segmentation and the rules: for each sentence, typed spans
 * (places with their locality, organisations, term classes), computed once and lazily per
 * kind; for the document, its jurisdiction, its kind signals and its warnings.
 * Offsets are relative to the sentence; `offset` turns them into document offsets.
 */
import type { DocumentModel } from '../document/model.js';
import { partyNames, titleForPlace } from './draft-jurisdiction.js';
import { guessKind, kindSignals, type DocumentKind, type KindSignals } from './document-kind.js';
import { findOrgs, type OrgSpan } from './orgs.js';
import { resolveJurisdiction, type Jurisdiction, type PlaceData } from './divisions.js';
import { findPlaces, type PlaceSpan } from './places.js';
import { findTerms, type TermSpan, type Vocabulary } from './vocabulary.js';

export interface AnnotateOptions {
  vocabulary: Vocabulary;
  /**
   * The division dataset, loaded on first use (undefined: relative place words only). It is handed
   * every text places will be read in: a loader may index only the names those texts can hold.
   */
  places?: (texts?: string) => PlaceData | undefined;
  /** The jurisdiction a reviewer set on the review (a division name: 吴兴区, 湖州市吴兴区). */
  jurisdiction?: string;
  /** The section's own district, used when neither the review, the issuer nor the title names one. */
  defaultJurisdiction?: string;
}

export interface SentenceAnnotations {
  text: string;
  /** Offset of the sentence in the document text. */
  offset: number;
  places(): PlaceSpan[];
  orgs(): OrgSpan[];
  /** Spans of one term class (empty if the class has none here). */
  terms(cls: string): TermSpan[];
}

export interface DocumentAnnotations {
  jurisdiction(): Jurisdiction | undefined;
  signals: KindSignals;
  kind: DocumentKind;
  warnings(): string[];
  sentence(text: string, offset: number): SentenceAnnotations;
}

export function annotateDocument(doc: DocumentModel, options: AnnotateOptions): DocumentAnnotations {
  let data: PlaceData | undefined | null = null;
  let jurisdiction: Jurisdiction | undefined | null = null;
  // the document and the names the jurisdiction is read from: every text places are looked up in
  const placeTexts = () => [doc.text, doc.meta.title, ...doc.meta.issuers, options.jurisdiction ?? '', options.defaultJurisdiction ?? ''].join('\n');
  const placeData = () => (data === null ? (data = options.places?.(placeTexts())) : data);
  const getJurisdiction = () => {
    if (jurisdiction !== null) return jurisdiction;
    const d = placeData();
    jurisdiction = d ? resolveJurisdiction(d, { ...(options.jurisdiction ? { option: options.jurisdiction } : {}), ...(options.defaultJurisdiction ? { fallback: options.defaultJurisdiction } : {}), issuers: [...doc.meta.issuers, ...partyNames(doc)], title: titleForPlace(doc.meta.title) }) : undefined;
    return jurisdiction;
  };
  const usedPlaces = { named: false };
  // national texts name places as examples of many, not as their own
  const presume = doc.meta.issuerLevel !== 'state-council' && doc.meta.issuerLevel !== 'ministry';
  return {
    jurisdiction: getJurisdiction,
    signals: kindSignals(doc.text, doc.meta.title),
    kind: guessKind(doc.text, doc.meta.title),
    warnings() {
      const out: string[] = [];
      if (options.jurisdiction && placeData() && getJurisdiction()?.source !== 'option') out.push(`未找到审查时设定的行政区划“${options.jurisdiction}”，地名按本地推定`);
      else if (usedPlaces.named && !getJurisdiction()) out.push('未识别发文机关所在的行政区划：文中具体地名按本地推定，可在审查时设定行政区划');
      return out;
    },
    sentence(text, offset) {
      let places: PlaceSpan[] | undefined;
      let orgs: OrgSpan[] | undefined;
      let terms: Map<string, TermSpan[]> | undefined;
      return {
        text,
        offset,
        places() {
          if (!places) {
            // a text that is not the document's own (never, from the engine) is read against the whole table
            const d = doc.text.startsWith(text, offset) ? placeData() : placeData() && options.places?.();
            places = findPlaces(text, d, getJurisdiction(), presume);
            if (places.some((p) => p.presumed)) usedPlaces.named = true;
          }
          return places;
        },
        orgs: () => (orgs ??= findOrgs(text)),
        terms: (cls) => (terms ??= findTerms(options.vocabulary, text)).get(cls) ?? [],
      };
    },
  };
}
