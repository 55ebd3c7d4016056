// What the unit itself says a file's handwritten parts are: the explanation (giải trình) and the
// evidence names it listed in its report cite documents (`Quyết định số 1975/QĐ-UBND ngày
// 02/10/2017`), and a file is often named after its document (`1975-QD-UBND.pdf`, `QD932.pdf`).
// These are claims to check against the ink, never values to copy.
import { findCitedDocuments, numberKey } from '../../rules/cited-documents.js';
import { foldVietnamese, nfc } from '../../util/text.js';
import type { HandPartKind } from './blank-crops.js';

export type ClaimSource = 'explanation' | 'listed' | 'file-name';

/** One value the unit claims for one part of a file's number or date. */
export interface ClaimedValue {
  kind: HandPartKind;
  /** Digits; days and months without a leading zero. */
  value: string;
  source: ClaimSource;
  /** The words it was taken from, for quoting. */
  text: string;
}

/** What is known of the file before its handwritten parts are read. */
export interface FileFacts {
  /** The file's own name (`1975-QD-UBND.pdf`). */
  fileName: string;
  /** The printed symbol after the numeral (`QĐ-UBND`, `2020/TT-BGDĐT`), when read. */
  symbol: string | null;
  /** Month and year of the date when read (the printed `tháng 10 năm 2017`); null when not. */
  month: number | null;
  year: number | null;
}

/** What the unit wrote about the criterion the file is filed under. */
export interface UnitStatements {
  explanation: string;
  /** Evidence names as listed in the report (Tài liệu kiểm chứng). */
  listed: string[];
}

/**
 * The values the unit claims for the file's numeral, day and month. A cited document is about this
 * file when its symbol is the file's printed symbol and, when both are known, its month and year
 * are the file's; a cited date then claims the day (and the month). A file name claims a numeral
 * when a run of digits sits next to a type code or symbol (`1975-QD-UBND`, `QD932`, `KH 05`).
 * Duplicates (same kind, value and source) are given once.
 */
export function claimedValues(file: FileFacts, said: UnitStatements): ClaimedValue[] {
  const out: ClaimedValue[] = [];
  const add = (claim: ClaimedValue) => {
    if (!out.some((c) => c.kind === claim.kind && c.value === claim.value && c.source === claim.source)) out.push(claim);
  };
  const texts: [ClaimSource, string][] = [['explanation', said.explanation], ...said.listed.map((l): [ClaimSource, string] => ['listed', l])];
  const symbol = file.symbol ? numberKey(file.symbol) : null;
  for (const [source, text] of texts) {
    for (const cited of findCitedDocuments(text)) {
      const slash = cited.number.indexOf('/');
      const numeral = cited.number.slice(0, slash);
      if (!symbol || numberKey(cited.number.slice(slash + 1)) !== symbol) continue;
      const [y, m, d] = cited.date ? cited.date.split('-').map(Number) : [];
      if (cited.date && ((file.year !== null && y !== file.year) || (file.month !== null && m !== file.month))) continue;
      if (/^\d+$/u.test(numeral)) add({ kind: 'numeral', value: numeral, source, text: cited.text });
      if (d !== undefined && m !== undefined) {
        add({ kind: 'day', value: String(d), source, text: cited.text });
        add({ kind: 'month', value: String(m), source, text: cited.text });
      }
    }
  }
  for (const numeral of fileNameNumerals(file.fileName)) add({ kind: 'numeral', value: numeral, source: 'file-name', text: nfc(file.fileName) });
  return out;
}

/**
 * Numerals a file name claims: digits joined to letters of a type code (`QD932`, `KH-05`,
 * `1975-QD-UBND`). Dates in the name (`12-3-2021`), digits next to `ngày`/`tháng`/`năm` and a
 * scanner's zero-padded counter (`scan0001`, `IMG_0012`) are not.
 */
export function fileNameNumerals(fileName: string): string[] {
  const base = foldVietnamese(fileName.replace(/\.[a-z0-9]{2,4}$/iu, '')).replace(/_/gu, ' ');
  // Dates in a name (12-3-2021, 12.03.2021) are not numbers.
  const text = base.replace(/\b\d{1,2}[-.]\d{1,2}[-.]\d{2,4}\b/gu, ' ');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|[^a-z0-9])(\d{1,5})\s*[-/ ]?\s*([a-z]{2,}(?:[-/ ][a-z]{2,})*)|([a-z]{2,})\s*[-/ ]?\s*(\d{1,5})(?![0-9])/gu)) {
    const digits = m[1] ?? m[4];
    const letters = m[2] ?? m[3] ?? '';
    // `scan0001`, `IMG_0012`: a scanner's counter, zero-padded, is not a document number.
    if (!digits || digits.startsWith('00') || /^(?:ngay|thang|nam|scan|img|dsc|page|trang)$/u.test(letters)) continue;
    found.push(digits);
  }
  return [...new Set(found)];
}
