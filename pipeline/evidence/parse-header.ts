// Parse a document's own number and date from the text of its header.
// Pure functions: text in, fields out. The reader decides which text to give them.
import { nfc } from '../util/text.js';

/** Decree 30/2020 Appendix III type codes, mixed case kept. */
export const TYPE_CODES = [
  'NQ', 'QĐ', 'CT', 'QC', 'QyĐ', 'TC', 'TB', 'HD', 'CTr', 'KH', 'PA', 'ĐA', 'DA', 'BC', 'BB', 'TTr', 'HĐ',
  'CĐ', 'BGN', 'BTT', 'GUQ', 'GM', 'GGT', 'GNP', 'PG', 'PC', 'PB', 'SY', 'TrS', 'SL',
] as const;

const TYPE_CODE_SET = new Set<string>(TYPE_CODES);

export interface ParsedNumber {
  number: string | null;
  numeral: string | null;
  suffixed: boolean;
  typeCode: string | null;
  issuerCode: string | null;
  year: number | null;
  blankNumber: boolean;
}

export interface ParsedDate {
  date: string | null;
  place: string | null;
  blankDate: boolean;
}

const NUMBER_LINE = /Số\s*[:.]?\s*([0-9]{0,5}[a-zA-Z]?)\s*\/\s*((?:\d{4}\s*\/\s*)?[\p{L}&.]+(?:\s*-\s*[\p{L}&.]+)*)/u;

/** Parse the `Số: 30a/KH-SXD` line; null when no number line is found. */
export function parseDocumentNumber(text: string): ParsedNumber | null {
  const match = NUMBER_LINE.exec(nfc(text));
  if (!match) return null;
  const numeral = match[1] ?? '';
  const symbol = (match[2] ?? '').replace(/\s+/gu, '');
  const parts = symbol.split('/');
  let year: number | null = null;
  let code = symbol;
  if (parts.length === 2 && /^\d{4}$/u.test(parts[0] ?? '')) {
    year = Number(parts[0]);
    code = parts[1] ?? '';
  }
  const segments = code.split('-');
  const first = segments[0] ?? '';
  const typeCode = segments.length > 1 && TYPE_CODE_SET.has(first) ? first : null;
  const issuerCode = typeCode ? segments.slice(1).join('-') : code;
  if (numeral === '') {
    return { number: null, numeral: null, suffixed: false, typeCode, issuerCode, year, blankNumber: true };
  }
  return {
    number: `${numeral}/${symbol}`,
    numeral,
    suffixed: /[a-zA-Z]$/u.test(numeral),
    typeCode,
    issuerCode,
    year,
    blankNumber: false,
  };
}

const DATE_LINE = /([\p{L} .'-]{2,40}?)\s*,\s*ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})?\s*năm\s+(\d{4})/u;

/** Parse the place-date line (`Hưng Yên, ngày 14 tháng 7 năm 2021`). */
export function parseDocumentDate(text: string): ParsedDate | null {
  const match = DATE_LINE.exec(nfc(text));
  if (!match) return null;
  const place = (match[1] ?? '').trim();
  const day = match[2] ? Number(match[2]) : null;
  const month = match[3] ? Number(match[3]) : null;
  const year = Number(match[4]);
  if (day === null || month === null) return { date: null, place, blankDate: true };
  if (month < 1 || month > 12 || day < 1 || day > 31) return { date: null, place, blankDate: false };
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  if (check.getUTCDate() !== day) return { date: null, place, blankDate: false };
  return { date: iso, place, blankDate: false };
}
