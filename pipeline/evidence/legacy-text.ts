// A legacy-font text layer (TCVN3, VNI) keeps its number and date: digits, ASCII capitals, `/`,
// `-` and `&` keep their codes in those fonts, and the only letter of a number's symbol they change
// is Đ (TCVN3 `§`, VNI `Ñ`). So the text layer, Đ restored, gives the number and date without OCR
// when both are whole; when they are not, the lines are OCR'd and the layer checks what OCR read
// and corrects its misreadings (`SGDPĐT` for `SGDĐT`, a 6 for an 8 in the day).
import { type ParsedNumber, parseDocumentNumber } from './parse-header.js';

/** Legacy codes of Đ and đ: TCVN3 `§` `®`, VNI `Ñ` `ñ`. */
const LEGACY_D: Record<string, string> = { '§': 'Đ', '®': 'đ', Ñ: 'Đ', ñ: 'đ' };
const CITED = /(?<![\p{L}\d/])(\d{1,5}[a-zA-Z]?)\s*\/\s*((?:\d{4}\s*\/\s*)?[A-Z§Ñ][A-Za-z§Ñ®ñ0-9&]*(?:\s?-\s?[A-Za-z§Ñ®ñ0-9&]+)*)/u;

/** The document number in a legacy-font line of text (the left header segment), or null. */
export function legacyNumber(segment: string): ParsedNumber | null {
  const m = CITED.exec(segment);
  if (!m) return null;
  const restored = `${m[1]}/${(m[2] ?? '').replace(/[§®Ññ]/gu, (ch) => LEGACY_D[ch] ?? ch)}`;
  const parsed = parseDocumentNumber(`Số: ${restored}`);
  return parsed?.number ? parsed : null;
}

/**
 * The day, month and year of a legacy-font place-date line (`ngµy 08 th¸ng 02 n¨m 2021`): its
 * three numbers in order, the words between them mojibake. Null when the day or month is blank.
 */
export function legacyDateDigits(segment: string): { day: number; month: number; year: number } | null {
  const m = /(?<!\d)(\d{1,2})(?!\d)[^\d]{2,14}(?<!\d)(\d{1,2})(?!\d)[^\d]{2,14}((?:19|20)\d\d)(?!\d)/u.exec(segment);
  if (!m) return null;
  return { day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) };
}
