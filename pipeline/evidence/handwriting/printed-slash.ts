// The printed slash of the number's symbol (`Số: 731/BB-SNN`) found on the line image and taken
// out, so that a black pen's last digit drawn into it is read as a digit of its own. A coloured pen
// is separated from the print by its colour (pen-ink.ts); a black one is not, and a last digit
// joined to the slash is cut off with it (`731/` read `73`) or read with it (`2063/` read `20630`).
// The slash is a straight, thin stroke leaning right over the whole height of the printed
// capitals; the pen's strokes are not straight over that height. Pure pixel work.
import { otsuThreshold } from '../header-rows.js';
import type { GreyImage } from '../pdf-page.js';
import { type BlankPlace, strokesIn } from './ink-crop.js';

/** The slash's centre line: x = `x` + `lean` · (`bottom` − y) for `top` ≤ y ≤ `bottom` (pixels), and its stroke width. */
export interface PrintedSlash {
  x: number;
  lean: number;
  top: number;
  bottom: number;
  width: number;
  /** Where the symbol's first letter starts (pixels): what lies there is print, not the pen. */
  firstLetter: number;
}

/**
 * Leans (x per row upward) searched: the printed slash leans 0.26–0.32 on the generated scans and
 * 0.34 on real-headers h01 (Times), a skewed scan a little more or less. A line found at the least
 * lean searched was, on the generated set, a round letter's side or a pen's stroke, never the slash.
 */
const LEANS = Array.from({ length: 11 }, (_, i) => 0.22 + i * 0.02);

/** The median grey of the pixels lighter than `threshold`: the paper. */
function paperGrey(image: GreyImage, threshold: number): number {
  const counts = new Int32Array(256);
  let n = 0;
  for (const v of image.data) {
    if (v <= threshold) continue;
    counts[v] = (counts[v] ?? 0) + 1;
    n += 1;
  }
  for (let v = 0, seen = 0; v < 256; v += 1) {
    seen += counts[v] ?? 0;
    if (seen * 2 >= n) return v;
  }
  return 255;
}

const darkAt = (image: GreyImage, x: number, y: number, threshold: number) => x >= 0 && y >= 0 && x < image.width && y < image.height && (image.data[y * image.width + x] ?? 255) <= threshold;

/**
 * The printed row right of the blank: the top of its capitals and its baseline (pixels), the
 * medians over the symbol's letters (dark marks from a third of a line to two lines past the blank's
 * end, a third of a line to a line and a half tall, at least half as wide as tall, filling a quarter
 * of their box, centred in the row), and where the first of them starts. Null with fewer than two letters.
 */
export function symbolRow(image: GreyImage, place: BlankPlace): { capTop: number; baseline: number; firstLetter: number } | null {
  const line = Math.max(4, place.rowBottom - place.rowTop);
  const threshold = Math.min(otsuThreshold(image), 190);
  const from = Math.max(0, Math.floor(place.x1 + line * 0.3));
  const letters = strokesIn(image, from, place.x1 + line * 2, threshold).filter((s) => {
    const h = s.y1 - s.y0;
    const cy = (s.y0 + s.y1) / 2;
    // Not the slash itself, nor a pen's `1` (narrow): a capital is at least half as wide as tall,
    // and its ink fills a quarter of its box at least (a slash with a pen's stroke joined, far less).
    const w = s.x1 - s.x0;
    return h >= line * 0.3 && h <= line * 1.5 && cy >= place.rowTop && cy <= place.rowBottom && w >= h * 0.5 && s.pixels >= 0.25 * w * h;
  });
  if (letters.length < 2) return null;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  return { capTop: median(letters.map((s) => s.y0)), baseline: median(letters.map((s) => s.y1)), firstLetter: Math.min(...letters.map((s) => s.x0)) };
}

/**
 * The printed slash right of a numeral's blank: a straight line leaning right (LEANS) that is dark
 * over nine in ten rows of the symbol's capitals (symbolRow; their top and bottom tenths left out),
 * from half a line before the blank's end to the first letter of the symbol (its top left of it); the
 * rightmost such (the pen's digits are left of it), the darkest of those within a quarter of the
 * capitals' height of it, not at the least lean searched (an upright letter's side: then the next
 * such group to its left). Its ends are where its dark run stops,
 * within a quarter of the capitals' height above and below them: its top at their top or above it
 * (to 6 % of their height), its foot at the baseline or below.
 * Null when no such line is found.
 */
export function findPrintedSlash(image: GreyImage, place: BlankPlace): PrintedSlash | null {
  const row = symbolRow(image, place);
  if (!row) return null;
  const line = Math.max(4, place.rowBottom - place.rowTop);
  const threshold = Math.min(otsuThreshold(image), 190);
  const H = row.baseline - row.capTop;
  if (H < 4) return null;
  const core = { top: Math.round(row.capTop + H * 0.1), bottom: Math.round(row.baseline - H * 0.1) };
  const onLine = (x: number, lean: number, y: number) => {
    const cx = Math.round(x + lean * (row.baseline - y));
    return darkAt(image, cx - 1, y, threshold) || darkAt(image, cx, y, threshold) || darkAt(image, cx + 1, y, threshold);
  };
  const rows = core.bottom - core.top + 1;
  // Of the lines dark over nine in ten rows, the rightmost (the pen is left of the slash; a marker's
  // thick digit can be darker than the thin print), and near it the darkest along its length: the
  // one through the slash's middle, not one grazing its edge at another lean.
  const lines: { x: number; lean: number; ink: number }[] = [];
  for (const lean of LEANS) {
    for (let x = Math.floor(place.x1 - line * 0.5); x <= Math.ceil(row.firstLetter); x += 1) {
      let covered = 0;
      let ink = 0;
      for (let y = core.top; y <= core.bottom; y += 1) {
        if (onLine(x, lean, y)) covered += 1;
        ink += 255 - greyAt(image, x + lean * (row.baseline - y), y);
      }
      // Its top left of the first letter: the round side of a `C` or `Q` is not a slash.
      if (covered >= 0.9 * rows && x + lean * H <= row.firstLetter) lines.push({ x, lean, ink });
    }
  }
  // Its ends: where its dark run stops, within a quarter of the capitals' height above and below them.
  const ends = (x: number, lean: number) => {
    let top = core.top;
    while (top > row.capTop - H * 0.25 && (onLine(x, lean, top - 1) || onLine(x, lean, top - 2))) top -= 1;
    let bottom = core.bottom;
    while (bottom < row.baseline + H * 0.25 && (onLine(x, lean, bottom + 1) || onLine(x, lean, bottom + 2))) bottom += 1;
    return { top, bottom };
  };
  // From the right, each group of lines a quarter of the capitals' height wide, its darkest line:
  // the first that is a slash. Not one at the least lean searched, nor one that stops short of the
  // capitals' top or the baseline (the printed slash spans their height, runs a little below, and a
  // round letter's side, the `Q`'s on the generated set, stops short of its top). Such a line is a
  // letter's side, an upright stem or a round one: a letter the slash or its serif touches is no
  // letter to symbolRow, so the first letter lies past it, and the slash is left of it.
  let found: { x: number; lean: number; top: number; bottom: number } | undefined;
  for (let right = Infinity; !found; ) {
    const left = lines.filter((l) => l.x < right);
    if (left.length === 0) return null;
    const rightmost = Math.max(...left.map((l) => l.x));
    const darkest = left.filter((l) => l.x >= rightmost - H * 0.25).sort((a, b) => b.ink - a.ink)[0] as { x: number; lean: number; ink: number };
    right = rightmost - H * 0.25;
    if (darkest.lean <= (LEANS[0] as number)) continue;
    const { top, bottom } = ends(darkest.x, darkest.lean);
    if (top <= row.capTop + H * 0.06 && bottom >= row.baseline) found = { x: darkest.x, lean: darkest.lean, top, bottom };
  }
  const { x, lean, top, bottom } = found;
  const foot = x + lean * (row.baseline - bottom);
  const widths: number[] = [];
  for (let y = core.top; y <= core.bottom; y += 1) {
    const run = darkRun(image, Math.round(foot + lean * (bottom - y)), y, threshold);
    if (run) widths.push(run.x1 - run.x0);
  }
  widths.sort((a, b) => a - b);
  const width = widths[Math.floor(widths.length / 2)] ?? 2;
  return { x: foot, lean, top, bottom, width, firstLetter: row.firstLetter };
}

/** The grey at a fractional column of row `y`, interpolated between its two pixels (white outside). */
function greyAt(image: GreyImage, x: number, y: number): number {
  const x0 = Math.floor(x);
  const f = x - x0;
  const at = (cx: number) => (cx >= 0 && cx < image.width && y >= 0 && y < image.height ? (image.data[y * image.width + cx] ?? 255) : 255);
  return at(x0) * (1 - f) + at(x0 + 1) * f;
}

/** The dark run of row `y` through column `x` (its first and past-last column), or null when `x` is not dark. */
function darkRun(image: GreyImage, x: number, y: number, threshold: number): { x0: number; x1: number } | null {
  let cx = x;
  if (!darkAt(image, cx, y, threshold)) {
    if (darkAt(image, cx - 1, y, threshold)) cx -= 1;
    else if (darkAt(image, cx + 1, y, threshold)) cx += 1;
    else return null;
  }
  let x0 = cx;
  let x1 = cx + 1;
  while (darkAt(image, x0 - 1, y, threshold)) x0 -= 1;
  while (darkAt(image, x1, y, threshold)) x1 += 1;
  return { x0, x1 };
}

/**
 * The line image with the printed slash taken out: in each row of the slash, its own width (and its
 * pale edge) around its centre line is made paper, except in rows where marks lie right beside it
 * on both sides, within three pixels and before the symbol's first letter (the pen crossing it: its stroke is kept whole, with the bit of
 * slash under it). Everything else keeps its grey; the chroma is dropped.
 */
export function withoutSlash(image: GreyImage, slash: PrintedSlash): GreyImage {
  const { width, height } = image;
  const threshold = Math.min(otsuThreshold(image), 190);
  const paper = paperGrey(image, threshold);
  // A mark: darker than halfway from the dark threshold to the paper.
  const mark = (threshold + paper) / 2;
  const isMark = (x: number, y: number) => x >= 0 && x < width && (image.data[y * width + x] ?? 255) < mark;
  const data = image.data.slice();
  const half = slash.width / 2 + 1.5;
  for (let y = Math.max(0, slash.top - 2); y <= Math.min(height - 1, slash.bottom + 2); y += 1) {
    const cx = slash.x + slash.lean * (slash.bottom - y);
    const x0 = Math.max(0, Math.floor(cx - half));
    const x1 = Math.min(width - 1, Math.ceil(cx + half));
    let left = false;
    let right = false;
    for (let k = 1; k <= 3; k += 1) {
      left ||= isMark(x0 - k, y);
      right ||= x1 + k < slash.firstLetter && isMark(x1 + k, y);
    }
    if (left && right) continue;
    for (let x = x0; x <= x1; x += 1) data[y * width + x] = Math.max(paper, data[y * width + x] ?? 255);
  }
  const { chroma: _chroma, ...grey } = image;
  return { ...grey, data };
}

/**
 * Whether the slash's own connected mark reaches out of the slash: dark pixels of it farther than
 * its half-width and two pixels from its centre line spanning at least a quarter of a line across
 * or down (a pen's digit joined to it, not a speck of its blur).
 */
export function slashTouched(image: GreyImage, place: BlankPlace, slash: PrintedSlash): boolean {
  const line = Math.max(4, place.rowBottom - place.rowTop);
  const threshold = Math.min(otsuThreshold(image), 190);
  const { width } = image;
  const centre = (y: number) => slash.x + slash.lean * (slash.bottom - y);
  const left = Math.min(centre(slash.bottom), centre(slash.top)) - 2 * line;
  const right = Math.max(centre(slash.bottom), centre(slash.top)) + 2 * line;
  const middle = Math.round((slash.top + slash.bottom) / 2);
  for (const s of strokesIn(image, left, right, threshold)) {
    // The slash's mark: it holds the slash's centre at its middle row.
    const cx = Math.round(centre(middle));
    if (!(s.x0 <= cx && s.x1 > cx && s.y0 <= middle && s.y1 > middle)) continue;
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (const k of s.at) {
      const y = Math.floor(k / width);
      const x = k - y * width;
      if (y >= slash.top && y <= slash.bottom && Math.abs(x - centre(y)) <= slash.width / 2 + 2) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x + 1);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y + 1);
    }
    if (x1 - x0 >= line * 0.25 || y1 - y0 >= line * 0.25) return true;
  }
  return false;
}

/**
 * The numeral's blank as a black pen filled it, bounded by the printed slash found right of it
 * (findPrintedSlash), not by the recognizer's coarse frames: when the pen's ink joins the slash
 * (slashTouched), the line without the slash (withoutSlash) and the blank widened to the slash's
 * far edge, so a last digit written into or over the slash is a stroke of the blank; otherwise the
 * line as it is and the blank ended at the slash's foot: run on to it (a last `1` standing just before
 * the slash) or cut back to it (the recognizer's coarse frames ran past the slash, whose stroke
 * then read as a last `1` or `0`: `1955/` as `19551`).
 * Null when no slash is found, or not in the columns `read` where the recognizer read the
 * symbol's slash (a second, independent sign that this straight stroke is the slash: a round letter's
 * side or a pen's `1` can be straight enough).
 */
export function slashFreeView(image: GreyImage, place: BlankPlace, read: { x0: number; x1: number }): { image: GreyImage; place: BlankPlace; slash: PrintedSlash; touched: boolean } | null {
  const slash = findPrintedSlash(image, place);
  if (!slash) return null;
  const middle = slash.x + (slash.lean * (slash.bottom - slash.top)) / 2;
  if (middle < read.x0 || middle > read.x1) return null;
  if (!slashTouched(image, place, slash)) return { image, place: { ...place, x1: slash.x - slash.width / 2 }, slash, touched: false };
  const right = slash.x + slash.lean * (slash.bottom - slash.top) + slash.width;
  return { image: withoutSlash(image, slash), place: { ...place, x1: Math.max(place.x1, right) }, slash, touched: true };
}
