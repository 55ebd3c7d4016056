// Text as PDF extraction and OCR give it, made comparable: NFC, look-alike letters mapped back to
// the Vietnamese alphabet, dash and slash variants unified. Every mapping is one character to one
// character, so positions found in the normalised text still point into the text that was given.
import { nfc } from '../util/text.js';

/**
 * Letters that look like Latin ones and turn up in extracted text: Cyrillic and Greek capitals from
 * fonts with odd encodings, `Ð` (U+00D0, Icelandic Eth) and `Ɖ` (U+0189, African D) for `Đ`.
 */
const LOOKALIKES: Record<string, string> = {
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', І: 'I', Ј: 'J', К: 'K', М: 'M', О: 'O', Р: 'P', Ѕ: 'S', Т: 'T', Х: 'X', У: 'Y',
  а: 'a', с: 'c', е: 'e', і: 'i', ј: 'j', о: 'o', р: 'p', ѕ: 's', х: 'x', у: 'y',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', ο: 'o',
  Ð: 'Đ', Ɖ: 'Đ', ð: 'đ',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-', '\uFE63': '-', '\uFF0D': '-',
  '\u2044': '/', '\u2215': '/', '\uFF0F': '/',
  '\uFF1A': ':', '\u00A0': ' ', '\u2007': ' ', '\u202F': ' ', '\u3000': ' ', '\t': ' ',
};

const LOOKALIKE_PATTERN = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'gu');

export interface NormalisedText {
  text: string;
  /** Characters that were look-alikes (not counting dashes and spaces): a sign of a damaged text layer. */
  lookalikes: number;
}

/** NFC, then map look-alike letters, dashes, slashes and odd spaces one to one. */
export function normaliseExtractedText(value: string): NormalisedText {
  let lookalikes = 0;
  const text = nfc(value).replace(LOOKALIKE_PATTERN, (ch) => {
    const mapped = LOOKALIKES[ch] ?? ch;
    if (/\p{L}/u.test(mapped)) lookalikes += 1;
    return mapped;
  });
  return { text, lookalikes };
}

/**
 * Lower case without diacritics, `đ` → `d`, keeping the length and every character's position:
 * keywords (`ngày`, `tháng`, `năm`, `Số`) are matched here so that OCR's wrong tone marks
 * (`ngảy`, `thảng`, `nâm`) still match, and values are then cut from the original text.
 */
export function foldSameLength(value: string): string {
  let out = '';
  for (const ch of value) {
    if (ch.length !== 1) {
      out += ch;
      continue;
    }
    const base = ch.normalize('NFD').charAt(0);
    out += base === 'đ' || base === 'Đ' ? 'd' : base.toLowerCase().charAt(0);
  }
  return out;
}
