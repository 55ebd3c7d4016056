// Decide whether a page's text layer can be parsed or must be replaced by OCR. Documents typed in
// legacy TCVN3 (ABC) or VNI fonts have a text layer of mojibake ("Céng hßa x· héi", "Coäng hoøa"):
// the glyphs render correctly but the characters behind them are Latin-1 stand-ins.

export type TextLayerVerdict =
  | { usable: true }
  | { usable: false; reason: 'thin' | 'legacy-font' | 'garbled' };

/**
 * Letters only Vietnamese uses and no legacy font can produce: ă đ ơ ư and the toned vowels of Latin
 * Extended Additional (â ê ô are Latin-1, and VNI uses them as marks).
 */
const VIETNAMESE_SPECIFIC = /[ăđơưĂĐƠƯ\u1EA0-\u1EF9]/gu;
/** Latin-1 letters and signs that are not in the Vietnamese alphabet: TCVN3/VNI stand-ins. */
const LEGACY_MARKERS = /[§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ÄÅÆÇËÎÏÐÑÖ×ØÛÜÞßäåæçëîïðñö÷øûüþ]/gu;
/** Control characters, private-use code points, replacement characters: a font without a usable ToUnicode map. */
const GARBAGE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uE000-\uF8FF\uFFFD]/gu;

/** At least this many letters before a text layer is worth parsing. */
const MIN_LETTERS = 20;

export function assessTextLayer(text: string): TextLayerVerdict {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  const garbage = (text.match(GARBAGE) ?? []).length;
  if (garbage > 0.05 * Math.max(letters, 1) && garbage >= 5) return { usable: false, reason: 'garbled' };
  if (letters < MIN_LETTERS) return { usable: false, reason: 'thin' };
  const vietnamese = (text.match(VIETNAMESE_SPECIFIC) ?? []).length;
  const legacy = (text.match(LEGACY_MARKERS) ?? []).length;
  if (legacy >= 3 && legacy > 0.02 * letters && vietnamese < legacy / 4) return { usable: false, reason: 'legacy-font' };
  return { usable: true };
}
