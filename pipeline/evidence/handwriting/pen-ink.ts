// The pen apart from the print. A clerk fills the blanks in blue, violet or red more often than in
// black; on a colour scan each pixel's chroma (largest channel minus smallest, kept by the
// renderer) tells the pen from the black print. Keeping only the coloured pixels takes out what
// the pen touches: the printed slash a last digit runs into (`4552/`), the `y` of `ngày` a first
// `1` crosses, the leader dots. Pure pixel work.
import { otsuThreshold } from '../header-rows.js';
import type { GreyImage } from '../pdf-page.js';
import type { BlankPlace } from './ink-crop.js';

/**
 * A pixel is pen when its chroma is at least this much above the paper's (0–255) and at least
 * PEN_CHROMA_FLOOR: a pale ballpoint on a JPEG scan comes out at 32–60, black print's colour fringes
 * and a tinted paper's tone below.
 */
export const PEN_CHROMA_ABOVE_PAPER = 20;
export const PEN_CHROMA_FLOOR = 32;
/** A blank whose marks are at least this share pen was filled in with a coloured pen. */
export const PEN_SHARE = 0.3;
/**
 * How far past the blank's ends the pen is looked for, in line heights: a last digit drawn through
 * the printed slash, a first one over the label's last letter. With the print gone, nothing else
 * of the line is there to be taken for it.
 */
export const PEN_REACH = { left: 0.5, right: 0.9 };

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * The chroma from which a pixel of `box` is pen (`seed`: PEN_CHROMA_ABOVE_PAPER over the median
 * chroma of its light pixels, the paper), and from which a mark touching the pen is still pen
 * (`grow`: half as far above the paper; the pale edge of a stroke).
 */
export function penChroma(image: GreyImage, box: Box): { seed: number; grow: number } {
  const chroma = image.chroma;
  if (!chroma) return { seed: 256, grow: 256 };
  const threshold = Math.min(otsuThreshold(image), 190);
  const counts = new Int32Array(256);
  let n = 0;
  forEachPixel(image, box, (k) => {
    if ((image.data[k] ?? 255) <= threshold) return;
    const c = chroma[k] ?? 0;
    counts[c] = (counts[c] ?? 0) + 1;
    n += 1;
  });
  let median = 0;
  for (let c = 0, seen = 0; c < 256; c += 1) {
    seen += counts[c] ?? 0;
    if (seen * 2 >= n) {
      median = c;
      break;
    }
  }
  return { seed: Math.max(PEN_CHROMA_FLOOR, median + PEN_CHROMA_ABOVE_PAPER), grow: Math.max(PEN_CHROMA_FLOOR / 2, median + PEN_CHROMA_ABOVE_PAPER / 2) };
}

function forEachPixel(image: GreyImage, box: Box, visit: (k: number) => void): void {
  const x0 = Math.max(0, Math.floor(box.x0));
  const x1 = Math.min(image.width, Math.ceil(box.x1));
  const y0 = Math.max(0, Math.floor(box.y0));
  const y1 = Math.min(image.height, Math.ceil(box.y1));
  for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) visit(y * image.width + x);
}

/**
 * The image with only the pen kept (its grey), every other pixel white; the chroma is kept. Pen is
 * every pixel of chroma at least `minChroma.seed`, and the marks connected to them that are not
 * black print (dark by the image's Otsu threshold and of chroma under `minChroma.grow`): coloured
 * ones, and pale ones up to `paleReach` pixels from a coloured one (a thin stroke's low-chroma
 * edge and pale run; print's own pale halo is farther from the pen). Where the print lies over the
 * pen, the pen's stroke is mended across it (bridgeCrossings). Null when the image has no chroma (a
 * grey or black-and-white scan).
 */
export function penOnly(image: GreyImage, minChroma: { seed: number; grow: number }, paleReach = 6): GreyImage | null {
  const chroma = image.chroma;
  if (!chroma) return null;
  const { width, height } = image;
  const threshold = Math.min(otsuThreshold(image), 190);
  const data = new Uint8Array(image.data.length).fill(255);
  // Pale steps since the last coloured pixel, for each pixel kept.
  const pale = new Uint8Array(data.length);
  const queue: number[] = [];
  for (let i = 0; i < data.length; i += 1) {
    if ((chroma[i] ?? 0) < minChroma.seed) continue;
    data[i] = image.data[i] ?? 255;
    queue.push(i);
  }
  for (let head = 0; head < queue.length; head += 1) {
    const i = queue[head] as number;
    const y = Math.floor(i / width);
    const x = i - y * width;
    for (let dy = -1; dy <= 1; dy += 1) {
      for (let dx = -1; dx <= 1; dx += 1) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const j = ny * width + nx;
        const v = image.data[j] ?? 255;
        const coloured = (chroma[j] ?? 0) >= minChroma.grow;
        if (data[j] !== 255 || v > PAPER || (v <= threshold && !coloured)) continue;
        const steps = coloured ? 0 : (pale[i] ?? 0) + 1;
        if (steps > paleReach) continue;
        data[j] = v;
        pale[j] = steps;
        queue.push(j);
      }
    }
  }
  return { ...image, data: bridgeCrossings(image, data, threshold) };
}

/** Widest print stroke (pixels) a pen stroke crossing it is mended across. */
export const CROSSING_GAP = 6;

/**
 * Mends the pen where it crossed the print: a dark print pixel (left white by penOnly) with pen on
 * both sides of it within CROSSING_GAP pixels, along a row, a column or a diagonal, and dark print
 * all the way between them, is the pen's
 * own stroke running under the printed slash or letter, and is given back, as dark as the
 * darkest pen pixel beside it. The rest of the print stays out. Returns a new buffer.
 */
export function bridgeCrossings(image: GreyImage, pen: Uint8Array, threshold: number): Uint8Array {
  const { width, height } = image;
  const out = pen.slice();
  const isPen = (x: number, y: number) => x >= 0 && y >= 0 && x < width && y < height && (pen[y * width + x] ?? 255) !== 255;
  const directions = [[1, 0], [0, 1], [1, 1], [1, -1]] as const;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = y * width + x;
      if ((pen[i] ?? 255) !== 255 || (image.data[i] ?? 255) > threshold) continue;
      for (const [dx, dy] of directions) {
        let before = 0;
        let after = 0;
        for (let k = 1; k <= CROSSING_GAP && (before === 0 || after === 0); k += 1) {
          if (before === 0 && isPen(x - dx * k, y - dy * k)) before = k;
          if (after === 0 && isPen(x + dx * k, y + dy * k)) after = k;
        }
        if (before === 0 || after === 0 || before + after > CROSSING_GAP + 1) continue;
        // Print all the way between the two pen pixels: paper between them (a leader dot between two digits) is no crossing.
        let covered = true;
        for (let k = 1 - before; k < after && covered; k += 1) covered = (image.data[(y + dy * k) * width + (x + dx * k)] ?? 255) <= threshold;
        if (covered) {
          out[i] = Math.min(pen[(y - dy * before) * width + (x - dx * before)] ?? 255, pen[(y + dy * after) * width + (x + dx * after)] ?? 255);
          break;
        }
      }
    }
  }
  return out;
}

/** Lighter than this (0–255) is paper, not a mark. */
const PAPER = 230;

/**
 * The share (0–1) of the marks in `box` that are pen: pixels of chroma at least `minChroma.seed` and
 * darker than the paper, over those and the dark grey ones (by the image's Otsu threshold). 0 with
 * fewer than a dozen pen pixels.
 */
export function penShare(image: GreyImage, box: Box, minChroma: { seed: number }): number {
  const chroma = image.chroma;
  if (!chroma) return 0;
  const threshold = Math.min(otsuThreshold(image), 190);
  let pen = 0;
  let grey = 0;
  forEachPixel(image, box, (k) => {
    const v = image.data[k] ?? 255;
    if ((chroma[k] ?? 0) >= minChroma.seed && v <= PAPER) pen += 1;
    else if (v <= threshold) grey += 1;
  });
  return pen < 12 ? 0 : pen / (pen + grey);
}

/**
 * The blank as the pen filled it: when its marks (the printed line's band, half a line above) are
 * at least PEN_SHARE pen, the image with the pen alone (`penOnly`) and the place widened by
 * PEN_REACH; otherwise null, and the blank is read as scanned.
 */
export function penView(image: GreyImage, place: BlankPlace): { image: GreyImage; place: BlankPlace } | null {
  if (!image.chroma) return null;
  const line = Math.max(4, place.rowBottom - place.rowTop);
  const band = { x0: place.x0, x1: place.x1, y0: place.rowTop - line * 0.5, y1: place.rowBottom + line * 0.2 };
  const minChroma = penChroma(image, band);
  if (penShare(image, band, minChroma) < PEN_SHARE) return null;
  const pen = penOnly(image, minChroma);
  if (!pen) return null;
  return { image: pen, place: { ...place, x0: Math.max(0, place.x0 - line * PEN_REACH.left), x1: Math.min(image.width, place.x1 + line * PEN_REACH.right) } };
}
