// Unicode and whitespace handling shared by every boundary that takes text in.

/** NFC-normalise: every string entering the pipeline goes through this. */
export function nfc(value: string): string {
  return value.normalize('NFC');
}

/** NFC, collapse runs of white space, trim. */
export function cleanText(value: string): string {
  return nfc(value).replace(/\s+/gu, ' ').trim();
}

/**
 * Fold Vietnamese to plain ASCII lower case (`Điểm tự đánh giá` → `diem tu danh gia`)
 * for tolerant matching of labels typed by people.
 */
export function foldVietnamese(value: string): string {
  return nfc(value)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Bidirectional controls (LRM, RLM, ALM, embeddings, overrides, isolates) and C0/C1 controls but tab, LF, CR; lone surrogates; U+FEFF, U+FFFE/F. */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/**
 * NFC, and characters that would reorder or hide what a reader sees (see INVISIBLE) shown as their
 * code instead: `Sở \u202Eabc` → `Sở ‹U+202E›abc`. For text from units' own files shown to people
 * (the audit's pages, the minutes, the decision, the workbook); results.json keeps the text as it was.
 */
export function showInvisible(value: string): string {
  return nfc(value).replace(INVISIBLE, (c) => `‹U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}›`);
}

/** Remove characters Word and XML reject (C0 controls but tab, CR, LF; lone surrogates; U+FFFE/F). */
export function stripControlChars(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/gu, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu, '');
}

const scoreFormats = new Map<number, Intl.NumberFormat>();

/** Vietnamese number format for scores: `12,5`; integers stay bare. */
export function formatScore(value: number, digits = 2): string {
  const rounded = roundScore(value, digits);
  // A rounded score is k / 10^digits, whose shortest decimal form is what vi-VN prints with a comma
  // (same output, without Intl's cost on every score of every document); the rest goes to Intl.
  if (Number.isFinite(rounded) && !Object.is(rounded, -0) && Math.abs(rounded) < 1e15) return String(rounded).replace('.', ',');
  let format = scoreFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits, useGrouping: false });
    scoreFormats.set(digits, format);
  }
  return format.format(rounded);
}

/** Round to a fixed number of decimals without binary drift (0.1 + 0.2 → 0.3). */
export function roundScore(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round((value + Number.EPSILON) * factor) / factor;
}

/** `2021-07-14` → `14/07/2021`. */
export function formatDateVn(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** A wait in milliseconds, said in seconds as a Vietnamese reader writes them: 500 → `0,5 giây`. */
export function formatSeconds(ms: number): string {
  return `${formatScore(ms / 1000, 3)} giây`;
}

/**
 * Text for the DOCX and XLSX documents: C0 controls removed (XML has no place for them; see
 * stripControlChars), and bidirectional and C1 controls shown as their code (`showInvisible`),
 * so that a unit's text cannot reorder what the minutes, the decision or the workbook show.
 */
export function documentText(value: string): string {
  return showInvisible(stripControlChars(value));
}
