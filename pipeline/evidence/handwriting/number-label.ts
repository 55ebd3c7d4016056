// The document-number label `Số:` of a header's number line, on accent-folded lower-case text, as
// OCR and the handwriting recognizer give it.

/**
 * The number line's label (Decree 30/2020, Appendix I: `Số: 123/QĐ-UBND`; a party document's
 * `Số 31-CTr/TU`): `số` followed by a colon-like mark, its `o` read as a digit or lost (`S6:`,
 * `S:`), even glued to letters the recognizer made of what stands left of it (`VwaS6: 792/…`: no
 * Vietnamese word ends in s); or, with no colon, the word `so` starting a word and followed by the
 * numeral or the slash. Folded, `sở` (`SỞ NỘI VỤ`) is `so` too, but a word follows it, never a
 * number or a colon; the `so` inside a word (`kiểm soát`, `HCSOISNV`) is not followed by either.
 * At the very start of the text, the `S` may be lost too (`6: 1868/TT-STP`, `o: 997`): a lone `ố`
 * read as `6` or `o` with the colon, nothing before it, and the numeral or the slash after it.
 */
const LABEL = /s[o0-9]?\s*[:;.,]|(?<![a-z])s[o06](?=\s*[0-9/])|^\s*[o6]\s*:(?=\s*[0-9/])/u;

/** Where the document-number label `Số:` is on a folded, lower-case line (`foldVietnamese`); null when it has none. */
export function numberLabel(folded: string): { index: number; length: number } | null {
  const m = LABEL.exec(folded);
  return m ? { index: m.index, length: m[0].length } : null;
}
