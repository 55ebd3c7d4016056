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
}

/** Otsu's threshold over the grey histogram: pixels at or below it are ink. */
export function otsuThreshold(image: GreyImage): number {
  const histogram = new Float64Array(256);
  const pixels = image.data;
  for (let i = 0; i < pixels.length; i += 1) {
    const v = pixels[i] as number;
    histogram[v] = (histogram[v] as number) + 1;
  }
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

export interface Run {
  y0: number;
  y1: number;
}

/**
 * The number/date row of a header image: the text row just below the first rule of the right
 * column (the motto's underline), else its third text row. Null when the profile shows no rows.
 */
export function findNumberDateRow(image: GreyImage, split: number): RowBand | null {
  const threshold = Math.min(otsuThreshold(image), 200);
  const x0 = Math.floor(image.width * split);
  const x1 = Math.floor(image.width * 0.97);
  let count = 0;
  const pixels = image.data;
  for (let y = 0; y < image.height; y += 1) {
    const row = y * image.width;
    for (let x = x0; x < x1; x += 2) if ((pixels[row + x] as number) <= threshold) count += 1;
  }
  if (count < 50) return null;
  const xs = new Int32Array(count);
  const ys = new Int32Array(count);
  for (let y = 0, k = 0; y < image.height; y += 1) {
    const row = y * image.width;
    for (let x = x0; x < x1; x += 2) {
      if ((pixels[row + x] as number) <= threshold) {
        xs[k] = x - x0;
        ys[k] = y;
        k += 1;
      }
    }
  }
  let best = { score: -1, slope: 0 };
  for (let degrees = -3; degrees <= 3.0001; degrees += 0.2) {
    const slope = Math.tan((degrees * Math.PI) / 180);
    const score = sharpness(profile(xs, ys, slope, image.height, x1 - x0));
    if (score > best.score) best = { score, slope };
  }
  const bins = profile(xs, ys, best.slope, image.height, x1 - x0);
  const runs = rowRuns(bins);
  if (runs.length === 0) return null;
  const heights = runs.map((r) => r.y1 - r.y0).filter((h) => h > 4).sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)] ?? 0;
  if (typical === 0) return null;
  const isRule = (r: Run) => r.y1 - r.y0 <= Math.max(3, typical * 0.25);
  const text = runs.filter((r) => !isRule(r) && r.y1 - r.y0 >= typical * 0.45);
  const rule = runs.find((r) => isRule(r) && text.some((t) => t.y1 <= r.y0));
  const row = (rule ? text.find((t) => t.y0 >= rule.y1) : undefined) ?? text[2] ?? null;
  if (!row) return null;
  return { y0: row.y0 - bins.offset, y1: row.y1 - bins.offset, slope: best.slope, x0 };
}

interface Profile {
  bins: Float64Array;
  offset: number;
}

/** Dark pixels per deskewed row; rows may shift up to the skew across the width, hence the offset. */
function profile(xs: Int32Array, ys: Int32Array, slope: number, height: number, width: number): Profile {
  const reach = Math.ceil(Math.abs(slope) * width) + 1;
  const bins = new Float64Array(height + 2 * reach);
  for (let k = 0; k < xs.length; k += 1) {
    const y = Math.round((ys[k] as number) - (xs[k] as number) * slope) + reach;
    bins[y] = (bins[y] as number) + 1;
  }
  return { bins, offset: reach };
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
  const out = new Uint8Array(image.width * height).fill(255);
  const source = image.chroma;
  const chroma = source ? new Uint8Array(image.width * height) : null;
  for (let x = 0; x < image.width; x += 1) {
    const shift = Math.round((x - band.x0) * band.slope);
    for (let y = 0; y < height; y += 1) {
      const sy = Math.round(band.y0 - pad) + y + shift;
      if (sy >= 0 && sy < image.height) {
        out[y * image.width + x] = image.data[sy * image.width + x] ?? 255;
        if (chroma && source) chroma[y * image.width + x] = source[sy * image.width + x] ?? 0;
      }
    }
  }
  return { width: image.width, height, data: out, scale: image.scale, ...(chroma ? { chroma } : {}) };
}
