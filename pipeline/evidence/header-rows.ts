// Find, in a scanned header, the one row that matters: Decree 30 puts the number (left column) and
// the place-date line (right column) on one row, the first below the national motto's rule. OCR of
// that row alone costs a fraction of OCR of the whole header. Pure image arithmetic on grey pixels:
// Otsu threshold, skew by maximising the sharpness of the row profile, rows from the profile.
import type { GreyImage } from './pdf-page.js';

export interface RowBand {
  /** Rows of the band in the deskewed frame (pixels from the top at x = `x0`). */
  y0: number;
  y1: number;
  /** Skew as a slope (tan θ): a text line at x sits `(x - x0) * slope` lower than at `x0`. */
  slope: number;
  x0: number;
  /** The first rule was a signing box's bottom border and was passed over (see `findNumberDateRows`). */
  pastBox?: true;
}

/** Otsu's threshold over the grey histogram: pixels at or below it are ink. */
export function otsuThreshold(image: GreyImage): number {
  const histogram = greyHistogram(image.data);
  const total = image.data.length;
  let sum = 0;
  for (let v = 0; v < 256; v += 1) sum += v * (histogram[v] ?? 0);
  let sumBack = 0;
  let weightBack = 0;
  let best = 0;
  let threshold = 128;
  for (let v = 0; v < 256; v += 1) {
    weightBack += histogram[v] ?? 0;
    if (weightBack === 0) continue;
    const weightFore = total - weightBack;
    if (weightFore === 0) break;
    sumBack += v * (histogram[v] ?? 0);
    const meanBack = sumBack / weightBack;
    const meanFore = (sum - sumBack) / weightFore;
    const between = weightBack * weightFore * (meanBack - meanFore) ** 2;
    if (between > best) {
      best = between;
      threshold = v;
    }
  }
  return threshold;
}

/**
 * Pixels per grey level. Four pixels a 32-bit load into four partial counts (one per byte lane),
 * so no count waits on the one before it; the tail byte by byte.
 */
function greyHistogram(pixels: Uint8Array): Float64Array {
  const lanes = new Int32Array(4 * 256);
  const aligned = pixels.byteOffset % 4 === 0;
  const words = aligned ? new Uint32Array(pixels.buffer, pixels.byteOffset, pixels.length >>> 2) : new Uint32Array(0);
  for (let i = 0; i < words.length; i += 1) {
    const w = words[i] as number;
    const a = w & 0xff;
    const b = 256 + ((w >>> 8) & 0xff);
    const c = 512 + ((w >>> 16) & 0xff);
    const d = 768 + (w >>> 24);
    lanes[a] = (lanes[a] as number) + 1;
    lanes[b] = (lanes[b] as number) + 1;
    lanes[c] = (lanes[c] as number) + 1;
    lanes[d] = (lanes[d] as number) + 1;
  }
  for (let i = words.length * 4; i < pixels.length; i += 1) {
    const v = pixels[i] as number;
    lanes[v] = (lanes[v] as number) + 1;
  }
  const histogram = new Float64Array(256);
  for (let v = 0; v < 256; v += 1) histogram[v] = (lanes[v] as number) + (lanes[256 + v] as number) + (lanes[512 + v] as number) + (lanes[768 + v] as number);
  return histogram;
}

export interface Run {
  y0: number;
  y1: number;
}

/**
 * The number/date row of a header image: the text row just below the first rule of the right
 * column (the motto's underline), else its third text row. Null when the profile shows no rows.
 */
export function findNumberDateRow(image: GreyImage, split: number): RowBand | null {
  return findNumberDateRows(image, split)[0] ?? null;
}

/**
 * Where the number/date row may be, most likely first: the row `findNumberDateRow` gives, then the
 * text row below each later rule of the right column, then the text rows below the first, at most
 * `limit`. A signing box stamped above the header (its border is a rule too) or a motto read as two
 * rows puts the number/date row below the first rule's: OCR of the first candidate says so (it reads
 * the motto or the box), and the next is read, a line each, instead of the whole top of the page.
 * A box drawn with its sides is known from the image alone: its bottom border is passed over when a
 * rule follows it, saving the read of the national title's row below it (some 0.1 CPU-s).
 */
export function findNumberDateRows(image: GreyImage, split: number, limit = 4, pastBox?: boolean): RowBand[] {
  const threshold = Math.min(otsuThreshold(image), 200);
  const x0 = Math.floor(image.width * split);
  const x1 = Math.floor(image.width * 0.97);
  // The ink of the right column (every other pixel column), column by column: the rows of each
  // column's dark pixels, so a skewed profile shifts a whole column at once.
  const columns = Math.max(0, Math.ceil((x1 - x0) / 2));
  const starts = new Int32Array(columns + 1);
  const pixels = image.data;
  // Row by row (the image's order in memory): how many dark pixels each column has, then where they are.
  for (let y = 0; y < image.height; y += 1) {
    for (let c = 0, k = y * image.width + x0; c < columns; c += 1, k += 2) {
      if ((pixels[k] as number) <= threshold) starts[c + 1] = (starts[c + 1] as number) + 1;
    }
  }
  for (let c = 0; c < columns; c += 1) starts[c + 1] = (starts[c + 1] as number) + (starts[c] as number);
  const count = starts[columns] as number;
  if (count < 50) return [];
  const ys = new Int32Array(count);
  const next = starts.slice(0, columns);
  for (let y = 0; y < image.height; y += 1) {
    for (let c = 0, k = y * image.width + x0; c < columns; c += 1, k += 2) {
      if ((pixels[k] as number) <= threshold) {
        ys[next[c] as number] = y;
        next[c] = (next[c] as number) + 1;
      }
    }
  }
  const ink: Ink = { starts, ys, columns };
  let best = { score: -1, slope: 0 };
  for (let degrees = -3; degrees <= 3.0001; degrees += 0.2) {
    const slope = Math.tan((degrees * Math.PI) / 180);
    const score = sharpness(profile(ink, slope, image.height, x1 - x0));
    if (score > best.score) best = { score, slope };
  }
  const bins = profile(ink, best.slope, image.height, x1 - x0);
  const runs = rowRuns(bins);
  if (runs.length === 0) return [];
  const heights = runs.map((r) => r.y1 - r.y0).filter((h) => h > 4).sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)] ?? 0;
  if (typical === 0) return [];
  const isRule = (r: Run) => r.y1 - r.y0 <= Math.max(3, typical * 0.25);
  const text = runs.filter((r) => !isRule(r) && r.y1 - r.y0 >= typical * 0.45);
  const ruled = runs.filter((r) => isRule(r) && text.some((t) => t.y1 <= r.y0));
  // A signing box stamped over the top of the header, drawn with its sides: its bottom border is
  // no motto's rule (below it lie the national title and the motto), the first rule with text
  // between it and the box is (a band of diacritics over the title's capitals has none). Without
  // such a rule, or without sides, the box's border stays the first (OCR of the row below it says
  // it is not the number/date row, and the next candidate is read). `pastBox` given: as decided
  // on another rendering of the page, so that a candidate's index means the same row in both.
  const box = ruled[0];
  const boxed = ruled.length > 1 && box !== undefined && (pastBox ?? closesBox(image, threshold, { x0, slope: best.slope, offset: bins.offset }, box, typical));
  const past = boxed ? ruled.filter((r) => r.y0 >= box.y1 && text.some((t) => t.y0 >= box.y1 && t.y1 <= r.y0)) : [];
  const rules = past.length > 0 ? past : ruled;
  const below = (rule: Run) => text.find((t) => t.y0 >= rule.y1);
  const first = (rules[0] ? below(rules[0]) : undefined) ?? text[2];
  if (!first) return [];
  const later = rules.slice(1).map(below).filter((t): t is Run => t !== undefined && t.y0 > first.y0);
  const candidates: Run[] = [];
  for (const row of [first, ...later, ...text.filter((t) => t.y0 > first.y0)]) {
    if (candidates.length >= limit) break;
    if (!candidates.includes(row)) candidates.push(row);
  }
  return candidates.map((row) => ({ y0: row.y0 - bins.offset, y1: row.y1 - bins.offset, slope: best.slope, x0, ...(past.length > 0 ? { pastBox: true as const } : {}) }));
}

/**
 * The rule is the bottom border of a box: from it, ink rises unbroken over at least twice the
 * typical text row's height in two pixel columns right of the split, a quarter of the page's width
 * apart or more (the box's sides). A letter's stroke spans one text row and text rows are apart, so
 * print does not; a motto's rule has print above it, not sides; one line down the page is one side.
 * `frame` maps the deskewed profile's rows (`y0`, `y1` of the rule) back to the image's.
 */
function closesBox(image: GreyImage, threshold: number, frame: { x0: number; slope: number; offset: number }, rule: Run, typical: number): boolean {
  const span = Math.ceil(2 * typical);
  let first = -1;
  let last = -1;
  for (let x = frame.x0; x < image.width; x += 1) {
    // The profile put pixel (x, y) in row y + round(-(x - x0) * slope) + offset.
    const back = frame.offset + Math.round(-(x - frame.x0) * frame.slope);
    let onRule = false;
    for (let row = rule.y0; row < rule.y1 && !onRule; row += 1) {
      const y = row - back;
      if (y >= 0 && y < image.height && (image.data[y * image.width + x] as number) <= threshold) onRule = true;
    }
    if (!onRule) continue;
    let inSpan = 0;
    for (let row = rule.y0 - span; row < rule.y0; row += 1) {
      const y = row - back;
      if (y >= 0 && y < image.height && (image.data[y * image.width + x] as number) <= threshold) inSpan += 1;
    }
    if (inSpan < span * 0.9) continue;
    if (first < 0) first = x;
    last = x;
  }
  return first >= 0 && last - first >= image.width / 4;
}

/** Dark pixels of the sampled columns: column `c` (x = x0 + 2c) holds rows `ys[starts[c]…starts[c+1])`. */
interface Ink {
  starts: Int32Array;
  ys: Int32Array;
  columns: number;
}

interface Profile {
  bins: Float64Array;
  offset: number;
}

/**
 * Dark pixels per deskewed row; rows may shift up to the skew across the width, hence the offset.
 * A pixel (x, y) falls in row round(y − x·slope): y is whole, so that is y plus its column's round(−x·slope).
 */
function profile(ink: Ink, slope: number, height: number, width: number): Profile {
  const reach = Math.ceil(Math.abs(slope) * width) + 1;
  const counts = new Int32Array(height + 2 * reach);
  const { starts, ys } = ink;
  for (let c = 0; c < ink.columns; c += 1) {
    const shift = Math.round(-(2 * c) * slope) + reach;
    const end = starts[c + 1] as number;
    for (let k = starts[c] as number; k < end; k += 1) {
      const y = (ys[k] as number) + shift;
      counts[y] = (counts[y] as number) + 1;
    }
  }
  return { bins: Float64Array.from(counts), offset: reach };
}

function sharpness({ bins }: Profile): number {
  let s = 0;
  for (let i = 0; i < bins.length; i += 1) s += (bins[i] as number) * (bins[i] as number);
  return s;
}

/**
 * Runs `[y0, y1)` of a projection profile's first `length` entries whose count exceeds `floor`,
 * a run starting at most `gap` rows after the previous one's end joined to it.
 */
export function profileRuns(counts: ArrayLike<number>, length: number, floor: number, gap: number): Run[] {
  const runs: Run[] = [];
  let start = -1;
  for (let y = 0; y <= length; y += 1) {
    const on = y < length && (counts[y] ?? 0) > floor;
    if (on && start < 0) start = y;
    if (!on && start >= 0) {
      const last = runs[runs.length - 1];
      if (last && start - last.y1 <= gap) last.y1 = y;
      else runs.push({ y0: start, y1: y });
      start = -1;
    }
  }
  return runs;
}

/** Runs of rows whose dark count stands clear of the noise. */
function rowRuns({ bins }: Profile): Run[] {
  let max = 0;
  for (const b of bins) if (b > max) max = b;
  const floor = Math.max(2, max * 0.06);
  const runs = profileRuns(bins, bins.length, floor, 1);
  return runs;
}

/** Cut the band out of the image across its whole width, straightened by shifting each column. */
export function cropBand(image: GreyImage, band: RowBand, pad: number): GreyImage {
  const height = Math.max(1, Math.round(band.y1 - band.y0 + 2 * pad));
  const { width } = image;
  const out = new Uint8Array(width * height).fill(255);
  const source = image.chroma;
  const chroma = source ? new Uint8Array(width * height) : null;
  // Each column's first source row.
  const first = new Int32Array(width);
  const top = Math.round(band.y0 - pad);
  for (let x = 0; x < width; x += 1) first[x] = top + Math.round((x - band.x0) * band.slope);
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    for (let x = 0; x < width; x += 1) {
      const sy = (first[x] as number) + y;
      if (sy >= 0 && sy < image.height) {
        out[row + x] = image.data[sy * width + x] ?? 255;
        if (chroma && source) chroma[row + x] = source[sy * width + x] ?? 0;
      }
    }
  }
  return { width, height, data: out, scale: image.scale, ...(chroma ? { chroma } : {}) };
}
