// Document numbers and dates as people write them in an explanation (giải trình):
// "Kế hoạch số 12/KH-SNV ngày 15/01/2024", "Báo cáo 55/UBND-BC ngày 12 tháng 12 năm 2024".
import type { Extraction, IsoDate } from '../model.js';
import { isoDateOf } from '../util/dates.js';
import { nfc } from '../util/text.js';
import { DOCUMENT_TYPES } from './describe.js';

export interface CitedDocument {
  /** As written, spaces removed: `12/KH-SNV`. */
  number: string;
  date: IsoDate | null;
  /** The words cited, for quoting. */
  text: string;
}

// A numeral (with an optional letter suffix), `/`, an optional year, then a symbol that starts with
// a letter: dates (15/01/2024) and ratios (21/21) never match.
const NUMBER = String.raw`(\d{1,5}[a-zA-Z]?)\s*\/\s*(?:(\d{4})\s*\/\s*)?(\p{L}[\p{L}&.]*(?:\s*-\s*\p{L}[\p{L}&.]*)*)`;
const DATE = String.raw`ngày\s+(?:(\d{1,2})\s*[\/.-]\s*(\d{1,2})\s*[\/.-]\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))`;
const CITATION = new RegExp(`${NUMBER}(?:[\\s,]*(?:của\\s+[^,;.]{1,60}?\\s*,?\\s*)?${DATE})?`, 'gu');

export function findCitedDocuments(text: string): CitedDocument[] {
  const out: CitedDocument[] = [];
  for (const m of nfc(text).matchAll(CITATION)) {
    const [whole, numeral, year, symbol, d1, m1, y1, d2, m2, y2] = m;
    if (!numeral || !symbol) continue;
    const cleanSymbol = symbol.replace(/\s+/gu, '').replace(/[.]+$/u, '');
    const number = `${numeral}/${year ? `${year}/` : ''}${cleanSymbol}`;
    out.push({ number, date: isoDate(d1 ?? d2, m1 ?? m2, y1 ?? y2), text: whole.trim().replace(/[.,;]+$/u, '') });
  }
  return out;
}

function isoDate(day: string | undefined, month: string | undefined, year: string | undefined): IsoDate | null {
  return day && month && year ? isoDateOf(Number(day), Number(month), Number(year)) : null;
}

/**
 * Key for comparing numbers read by different means: case folded (OCR confuses `TTr` and `TTR`),
 * look-alike `Ð` (U+00D0) taken as `Đ`, spaces dropped. `ĐA` and `DA` stay distinct.
 */
export function numberKey(number: string): string {
  let key = numberKeys.get(number);
  if (key === undefined) {
    key = nfc(number).replace(/\u00D0/gu, 'Đ').replace(/\s+/gu, '').toUpperCase();
    // Rules compare every file's number with every other file's of the unit: each is keyed once.
    if (numberKeys.size >= 100_000) numberKeys.clear();
    numberKeys.set(number, key);
  }
  return key;
}

const numberKeys = new Map<string, string>();

/** The issuing body's code: the first part of the issuer (`SNV` in `SNV-CCHC&QLVTLT`). */
export function issuerBody(issuerCode: string): string {
  return numberKey(issuerCode).split('-')[0] ?? '';
}

/** Type code of a reading, mixed case kept; `CV` for a công văn (a number without a type code). */
export function documentType(e: Extraction): string {
  return e.typeCode ?? (e.number || e.issuerCode ? 'CV' : '');
}

/** Issuing body of a number as written: `SNV` in `12/KH-SNV`, `UBND` in `1202/UBND-NV`, `CP` in `30/2020/NĐ-CP`. */
export function issuerOfNumber(number: string): string {
  const symbol = nfc(number).split('/').pop() ?? '';
  const [first = '', ...rest] = symbol.split('-');
  const typed = rest.length > 0 && (DOCUMENT_TYPES.includes(first) || /^(NĐ|TT|TTLT|L|PL|NQLT)$/u.test(first));
  return issuerBody(typed ? rest.join('-') : symbol);
}

/** Type code of a number as written, as `documentType` gives a reading's: `KH` in `12/KH-SNV`, `CV` for `1202/UBND-NV`. */
export function typeOfNumber(number: string): string {
  const [first = '', ...rest] = (nfc(number).split('/').pop() ?? '').split('-');
  return rest.length > 0 && DOCUMENT_TYPES.includes(first) ? first : 'CV';
}
