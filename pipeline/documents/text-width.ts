// Approximate printed width of a line of Times New Roman, to size the short rules Decree 30
// draws under the issuing body, the motto and the title. Advance widths are the Adobe Times
// metrics (Times New Roman and Liberation Serif share them); a Vietnamese letter is as wide as
// its base letter, which is close enough for a rule drawn under the text.

const FIRST = 32;
// Advance widths in 1/1000 em for U+0020..U+007E.
const REGULAR = [
  250, 333, 408, 500, 500, 833, 778, 333, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500,
  500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,
  722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500,
  444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480,
  200, 480, 541,
];
const BOLD = [
  250, 333, 555, 500, 500, 1000, 833, 333, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500,
  500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944,
  722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556,
  444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394,
  220, 394, 520,
];

/** Width of `text` in 1/1000 em of Times New Roman (sum of the base letters' advance widths). */
export function textWidthUnits(text: string, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  const base = text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/gu, 'd').replace(/Đ/gu, 'D');
  let units = 0;
  for (const ch of base) {
    const code = ch.codePointAt(0) ?? FIRST;
    units += table[code - FIRST] ?? 500;
  }
  return units;
}

/** Twips (1/20 pt) of `units` (1/1000 em) at `sizePt`. */
export function unitsToTwips(units: number, sizePt: number): number {
  return Math.round((units / 1000) * sizePt * 20);
}

/** Width in twips (1/20 pt) of `text` set in Times New Roman at `sizePt`. */
export function textWidthTwips(text: string, sizePt: number, bold = false): number {
  return unitsToTwips(textWidthUnits(text, bold), sizePt);
}
