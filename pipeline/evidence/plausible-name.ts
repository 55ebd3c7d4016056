// Whether a name OCR read from a visible signing box (`Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi`) is
// a name at all. OCR of a box printed on a scan often gives letters that are no Vietnamese word
// (`hanglì Quảng Ngãi`) or a stray letter (`Ủ`): shown as the signer, that is a confidently wrong
// value. A name is kept only when every word is a Vietnamese syllable or an abbreviation.
import { nfc } from '../util/text.js';

/** Combining tone marks (huyền, sắc, ngã, hỏi, nặng); circumflex, breve and horn are vowel letters. */
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const STOP_TONES = /^[\u0301\u0323]$/u;

/**
 * A Vietnamese syllable without its tone: initial consonant, vowel nucleus (one to three vowel
 * letters), final consonant or none. Finals i, y, o, u are vowels and belong to the nucleus here.
 */
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?$/u;

/** Upper-case abbreviations of names (`UBND`, `HĐND`, `VGCA`, `GD&ĐT`, `TP.`). */
const ABBREVIATION = /^[A-ZĐ][A-ZĐ&]{1,7}\.?$/u;

/**
 * Whether `word` is one Vietnamese syllable (`Quảng`, `ngãi`, `ỦY`): its letters fit the syllable's
 * shape, with at most one tone mark, and a syllable ending in c, ch, p or t carries sắc or nặng
 * (the only tones a stopped syllable takes). Case is not looked at.
 */
export function isVietnameseSyllable(word: string): boolean {
  const split = nfc(word).toLowerCase().normalize('NFD');
  const tones = split.match(TONES) ?? [];
  if (tones.length > 1) return false;
  const bare = split.replace(TONES, '').normalize('NFC');
  const m = SYLLABLE.exec(bare);
  if (!m) return false;
  const final = m[3];
  if (final && /^(c|ch|p|t)$/u.test(final) && tones.length === 1 && !STOP_TONES.test(tones[0] ?? '')) return false;
  return true;
}

/** A word written as names are: all lower case, capitalised, or all upper case. */
function wellCased(word: string): boolean {
  return word === word.toLowerCase() || word === word.toUpperCase() || word === word[0]!.toUpperCase() + word.slice(1).toLowerCase();
}

/**
 * The signer's name as OCR read it from a visible signing box, when it is plausibly a name: NFC,
 * spaces collapsed, at least two words (at most twelve), starting with a capital, each word a
 * Vietnamese syllable (`isVietnameseSyllable`) or an upper-case abbreviation, joined at most by
 * `-` or `&`, written in lower, capitalised or upper case. Anything else is null: no name beats a
 * wrong one (a person reads the box on the page).
 */
export function plausibleSignerName(value: string | null): string | null {
  if (value === null) return null;
  const text = nfc(value).replace(/\s+/gu, ' ').trim().replace(/[.,;:]+$/u, '');
  const words = text.split(' ').filter((w) => w !== '-' && w !== '&');
  if (words.length < 2 || words.length > 12) return null;
  if (!/^\p{Lu}/u.test(text)) return null;
  const ok = words.every((w) => /^\p{L}+$/u.test(w) ? wellCased(w) && (isVietnameseSyllable(w) || ABBREVIATION.test(w)) : ABBREVIATION.test(w));
  return ok ? text : null;
}
