// Where the clerk's ink is: the blanks of a Decree 30 header row, located from the printed words
// around them as OCR found them (`Số:` … `/QĐ-UBND`, `ngày` … `tháng` … `năm`), then the crops the
// second recognizer reads. Pure geometry on word boxes and grey pixels; no OCR here.
import { otsuThreshold } from '../header-rows.js';
import type { Piece } from '../layout.js';
import type { GreyImage } from '../pdf-page.js';
import { foldVietnamese } from '../../util/text.js';
import { numberLabel } from './number-label.js';

/** The parts of a document's number and date a clerk writes by hand (Decree 30/2020, Appendix I). */
export type HandPartKind = 'numeral' | 'day' | 'month';

/** A blank of the row, in pixels of the image the words were read from. */
export interface Blank {
  kind: HandPartKind;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** A printed word of the row that bounds a blank: where in the word (0–1 of its width) it starts and ends. */
interface Mark {
  word: Piece;
  /** Share of the word's width before the mark (a word OCR merged with the ink, `Số:46`). */
  start: number;
  end: number;
}

// Matched on accent-folded lower case: OCR often drops or changes the accents.
const DAY = /ngay/u;
const MONTH = /thang/u;
const YEAR = /nam/u;

/** Finds `pattern` in a word (accents folded, lower case) and where it sits along the word. */
function markIn(word: Piece, pattern: RegExp, at: 'start' | 'anywhere'): Mark | null {
  const text = foldVietnamese(word.text);
  const match = new RegExp(at === 'start' ? `^(?:${pattern.source})` : pattern.source, 'u').exec(text);
  if (!match) return null;
  const n = Math.max(1, text.length);
  return { word, start: match.index / n, end: (match.index + match[0].length) / n };
}

/**
 * The label `Số:` at the start of `word` (`Số:`, `Số:46` merged with the ink), told from `SỞ` and
 * `soát` by what follows it in this word and the next ones (`numberLabel`).
 */
function labelIn(word: Piece, next: Piece[]): Mark | null {
  const text = foldVietnamese(word.text);
  const label = numberLabel([text, ...next.map((w) => foldVietnamese(w.text))].join(' '));
  if (!label || label.index !== 0 || label.length > text.length) return null;
  const n = Math.max(1, text.length);
  return { word, start: 0, end: label.length / n };
}

const xAt = (word: Piece, share: number) => word.x0 + (word.x1 - word.x0) * share;

/**
 * The blanks of one header row from its OCR words (pixels, any order): the numeral between
 * `Số:` and the slash of the symbol, the day between `ngày` and `tháng`, the month between
 * `tháng` and `năm`. A word OCR merged with the ink (`Số:46`, `ngày22¿tháng`) is split by the
 * share of its characters. Heights are the label's, widened by half a line above and below:
 * handwriting sits high and runs tall. Blanks narrower than half a line are dropped.
 */
export function findBlanks(words: Piece[]): Blank[] {
  const sorted = [...words].sort((a, b) => a.x0 - b.x0);
  const blanks: Blank[] = [];
  const between = (kind: HandPartKind, left: Mark, right: Mark | null, fallbackWidth: number) => {
    const height = left.word.y1 - left.word.y0;
    const x0 = xAt(left.word, left.end);
    const x1 = right ? xAt(right.word, right.start) : x0 + fallbackWidth * height;
    if (!(x1 - x0 > height * 0.5)) return;
    blanks.push({ kind, x0, x1, y0: left.word.y0 - height * 0.5, y1: left.word.y1 + height * 0.5 });
  };
  for (let i = 0; i < sorted.length; i += 1) {
    const word = sorted[i] as Piece;
    const label = labelIn(word, sorted.slice(i + 1, i + 3));
    if (label) {
      // The slash of the symbol: in this word after the label, or in one of the next two words.
      const rest = word.text.slice(Math.round(label.end * word.text.length));
      const slashHere = rest.indexOf('/');
      const slash = slashHere >= 0
        ? { word, start: label.end + slashHere / Math.max(1, word.text.length), end: 1 }
        : sorted.slice(i + 1, i + 3).map((w) => ({ w, at: w.text.indexOf('/') })).filter((c) => c.at >= 0).map((c) => ({ word: c.w, start: c.at / Math.max(1, c.w.text.length), end: 1 }))[0] ?? null;
      if (!blanks.some((b) => b.kind === 'numeral')) between('numeral', label, slash, 3);
    }
    const day = markIn(word, DAY, 'anywhere');
    if (day && !blanks.some((b) => b.kind === 'day')) {
      const month = markIn(word, MONTH, 'anywhere') ?? sorted.slice(i + 1, i + 3).map((w) => markIn(w, MONTH, 'start')).find((m) => m !== null) ?? null;
      between('day', day, month && month.start >= (month.word === word ? day.end : 0) ? month : null, 1.6);
    }
    const month = markIn(word, MONTH, 'anywhere');
    if (month && !blanks.some((b) => b.kind === 'month')) {
      const year = markIn(word, YEAR, 'anywhere') ?? sorted.slice(i + 1, i + 3).map((w) => markIn(w, YEAR, 'start')).find((m) => m !== null) ?? null;
      between('month', month, year && (year.word !== word || year.start >= month.end) ? year : null, 1.6);
    }
  }
  return blanks;
}

/** A rectangle of an image, in its pixels. */
export interface Rect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * The ink of a blank: the rows and columns of `blank` that hold dark pixels, grown by a margin of
 * a fifth of the ink's height. Null when the blank holds no ink (a truly empty blank).
 */
export function inkBox(image: GreyImage, blank: Rect): Rect | null {
  const x0 = Math.max(0, Math.floor(blank.x0));
  const x1 = Math.min(image.width, Math.ceil(blank.x1));
  const y0 = Math.max(0, Math.floor(blank.y0));
  const y1 = Math.min(image.height, Math.ceil(blank.y1));
  if (x1 - x0 < 2 || y1 - y0 < 2) return null;
  const threshold = Math.min(otsuThreshold(image), 190);
  let top = Infinity;
  let bottom = -1;
  let left = Infinity;
  let right = -1;
  let dark = 0;
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      if ((image.data[y * image.width + x] ?? 255) > threshold) continue;
      dark += 1;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
      if (x < left) left = x;
      if (x > right) right = x;
    }
  }
  // A few specks (scan noise, a dot of the colon) are not a written value.
  const height = y1 - y0;
  if (dark < Math.max(6, height * 0.4) || bottom < 0) return null;
  const margin = Math.max(2, (bottom - top + 1) * 0.2);
  return {
    x0: Math.max(0, left - margin),
    x1: Math.min(image.width, right + 1 + margin),
    y0: Math.max(0, top - margin),
    y1: Math.min(image.height, bottom + 1 + margin),
  };
}

/** A rectangle of the image as its own grey image (its chroma too), padded with white by `pad` pixels and stretched `stretch`× horizontally. */
export function cropImage(image: GreyImage, rect: Rect, pad = 0, stretch = 1): GreyImage {
  const x0 = Math.max(0, Math.floor(rect.x0));
  const y0 = Math.max(0, Math.floor(rect.y0));
  const w = Math.max(1, Math.min(image.width, Math.ceil(rect.x1)) - x0);
  const h = Math.max(1, Math.min(image.height, Math.ceil(rect.y1)) - y0);
  const width = Math.round(w * stretch) + 2 * pad;
  const height = h + 2 * pad;
  const data = new Uint8Array(width * height).fill(255);
  const source = image.chroma;
  const chroma = source ? new Uint8Array(width * height) : null;
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < Math.round(w * stretch); x += 1) {
      const sx = x0 + Math.min(w - 1, Math.floor(x / stretch));
      data[(y + pad) * width + x + pad] = image.data[(y0 + y) * image.width + sx] ?? 255;
      if (chroma && source) chroma[(y + pad) * width + x + pad] = source[(y0 + y) * image.width + sx] ?? 0;
    }
  }
  return { width, height, data, scale: image.scale, ...(chroma ? { chroma } : {}) };
}

/**
 * The crops the recognizer reads for one blank: the ink box tight, with more margin, and stretched
 * (more frames per digit, so a doubled digit `55` gets the blank frame between its two) — the
 * recognizer seldom errs the same way on all three. Empty when the blank holds no ink.
 */
export function blankCrops(image: GreyImage, blank: Rect): GreyImage[] {
  const ink = inkBox(image, blank);
  if (!ink) return [];
  const h = ink.y1 - ink.y0;
  const pad = Math.round(h * 0.2);
  return [cropImage(image, ink, 0), cropImage(image, ink, pad), cropImage(image, ink, Math.round(h * 0.1), 1.4)];
}
