// The clerk's ink alone: the connected strokes of a blank, with the printed words around it, the
// blank's dots or underline, the lines above and below and scan specks left out, cut out with a
// white margin and scaled so the digits fill the recognizer's 48 px input as its training lines do.
// The recognizer reads a crop that holds only the handwritten value far better than one where the
// `y` of `ngày` or the next line's ascenders share the frame (it then reads them as digits, or lets
// the tall print set the scale and the digits shrink to a few pixels). Pure pixel work.
import { otsuThreshold } from '../header-rows.js';
import type { GreyImage } from '../pdf-page.js';

/** Where the blank is in a line image: its columns, and the rows of the printed text line (pixels). */
export interface BlankPlace {
  x0: number;
  x1: number;
  /** The printed line's top and bottom rows: the band the clerk writes in. */
  rowTop: number;
  rowBottom: number;
}

/** One connected run of dark pixels (8-neighbours). */
export interface Stroke {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  pixels: number;
  /** Indexes (y·width + x) of its pixels in the image. */
  at: Int32Array;
}

/** Dark pixels' connected components inside `x0 ≤ x < x1` of `image` (all rows), by flood fill. */
export function strokesIn(image: GreyImage, x0: number, x1: number, threshold: number): Stroke[] {
  const { width, height, data } = image;
  const left = Math.max(0, Math.floor(x0));
  const right = Math.min(width, Math.ceil(x1));
  const seen = new Uint8Array(width * height);
  const strokes: Stroke[] = [];
  const stack: number[] = [];
  for (let y = 0; y < height; y += 1) {
    for (let x = left; x < right; x += 1) {
      const start = y * width + x;
      if (seen[start] || (data[start] ?? 255) > threshold) continue;
      seen[start] = 1;
      stack.push(start);
      const at: number[] = [];
      let sx0 = x;
      let sx1 = x;
      let sy0 = y;
      let sy1 = y;
      while (stack.length > 0) {
        const i = stack.pop() as number;
        at.push(i);
        const py = Math.floor(i / width);
        const px = i - py * width;
        if (px < sx0) sx0 = px;
        if (px > sx1) sx1 = px;
        if (py < sy0) sy0 = py;
        if (py > sy1) sy1 = py;
        for (let dy = -1; dy <= 1; dy += 1) {
          const ny = py + dy;
          if (ny < 0 || ny >= height) continue;
          for (let dx = -1; dx <= 1; dx += 1) {
            const nx = px + dx;
            if (nx < left || nx >= right) continue;
            const j = ny * width + nx;
            if (seen[j] || (data[j] ?? 255) > threshold) continue;
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
      strokes.push({ x0: sx0, x1: sx1 + 1, y0: sy0, y1: sy1 + 1, pixels: at.length, at: Int32Array.from(at) });
    }
  }
  return strokes;
}

/**
 * The strokes of a blank that are the clerk's: lying within the blank's columns (centred in them,
 * or with at least a third of a line's width and a third of their own inside: a last digit drawn
 * through the printed slash is one stroke with it), reaching into the printed line's band (from
 * half a line above it to a fifth below), neither a speck or a dot of the printed leader (under a
 * quarter of the line's height both ways), nor a rule (flat and long), nor a stamp's frame (over
 * three lines tall), left to right. Dark means darker than the paper by the blank's own Otsu threshold, so a
 * faint pen next to black print still counts.
 */
export function clerkStrokes(image: GreyImage, place: BlankPlace): Stroke[] {
  const line = Math.max(4, place.rowBottom - place.rowTop);
  const bandTop = place.rowTop - line * 0.5;
  const bandBottom = place.rowBottom + line * 0.2;
  const strokes = strokesIn(image, place.x0 - line, place.x1 + line, blankThreshold(image, place));
  return strokes.filter((s) => {
    const w = s.x1 - s.x0;
    const h = s.y1 - s.y0;
    const cx = (s.x0 + s.x1) / 2;
    const inside = Math.min(s.x1, place.x1) - Math.max(s.x0, place.x0);
    const within = (cx >= place.x0 && cx <= place.x1) || (inside >= line * 0.33 && inside >= w * 0.33);
    if (!within) return false;
    if (s.y1 < bandTop || s.y0 > bandBottom) return false;
    if (Math.max(w, h) < line * 0.25) return false;
    if (h < line * 0.15 && w > line * 1.2) return false;
    return h <= line * 3;
  }).sort((a, b) => a.x0 - b.x0);
}

/** Dark, for a blank: darker than the paper by the image's Otsu threshold or the blank band's own (a faint pen next to black print). */
function blankThreshold(image: GreyImage, place: BlankPlace): number {
  const line = Math.max(4, place.rowBottom - place.rowTop);
  return Math.max(Math.min(otsuThreshold(image), 190), Math.min(215, otsuThreshold(window(image, place.x0, place.x1, place.rowTop - line * 0.5, place.rowBottom + line * 0.2))));
}

/**
 * How many ends of the blank (0–2) a stroke runs across from the print: one connected mark that
 * reaches a quarter of a line out of the blank and into it, its part in the blank at least a
 * quarter of a line wide and half a line tall (not a rule under the line, not a serif). That is the clerk's first digit written over the label's last
 * letter (the `y` of `ngày` and a `1` in one stroke) or the last one through the printed slash:
 * the digit is cut off with the print it touches, so the blank's strokes count one mark too few.
 * An end that one of the `counted` strokes (clerkStrokes, already counted by inkMarks) runs across
 * is not added again: a last digit drawn through the slash and kept whole with it is one mark, not
 * two (on the generated sets, `2827/` counted five marks and every four-digit reading was dropped).
 */
export function edgeJoins(image: GreyImage, place: BlankPlace, counted: readonly Stroke[] = []): number {
  const line = Math.max(4, place.rowBottom - place.rowTop);
  const strokes = strokesIn(image, place.x0 - 2 * line, place.x1 + 2 * line, blankThreshold(image, place));
  const { width } = image;
  // The part of a stroke in the blank: at least a quarter of a line wide and half a line tall; out of it past `edge`, a quarter of a line.
  const across = (s: Stroke, edge: number, inward: 1 | -1): boolean => {
    let ix0 = Infinity;
    let ix1 = -Infinity;
    let iy0 = Infinity;
    let iy1 = -Infinity;
    let outside = 0;
    for (const k of s.at) {
      const y = Math.floor(k / width);
      const x = k - y * width;
      if (x >= place.x0 && x < place.x1) {
        ix0 = Math.min(ix0, x);
        ix1 = Math.max(ix1, x + 1);
        iy0 = Math.min(iy0, y);
        iy1 = Math.max(iy1, y + 1);
      } else if ((x - edge) * inward < 0) outside = Math.max(outside, Math.abs(edge - x));
    }
    return ix1 - ix0 >= line * 0.25 && iy1 - iy0 >= line * 0.5 && outside >= line * 0.25 && iy0 <= place.rowBottom + line * 0.2 && iy1 >= place.rowTop - line * 0.5;
  };
  const crosses = (s: { x0: number; x1: number }, edge: number) => s.x0 < edge && s.x1 > edge;
  const joined = (edge: number, inward: 1 | -1) => !counted.some((s) => crosses(s, edge)) && strokes.some((s) => crosses(s, edge) && across(s, edge, inward));
  return (joined(place.x0, 1) ? 1 : 0) + (joined(place.x1, -1) ? 1 : 0);
}

/** A rectangle of an image as its own image (clamped to the image). */
function window(image: GreyImage, x0: number, x1: number, y0: number, y1: number): GreyImage {
  const left = Math.max(0, Math.floor(x0));
  const top = Math.max(0, Math.floor(y0));
  const w = Math.max(1, Math.min(image.width, Math.ceil(x1)) - left);
  const h = Math.max(1, Math.min(image.height, Math.ceil(y1)) - top);
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y += 1) data.set(image.data.subarray((top + y) * image.width + left, (top + y) * image.width + left + w), y * w);
  return { width: w, height: h, data, scale: image.scale };
}

/** Options of one crop: the height the ink is scaled to within the 48 px input, and a horizontal stretch. */
export interface InkCropView {
  /** Ink height as a share of the crop's height (the rest is white margin, half above, half below). */
  fill: number;
  /** Horizontal stretch after scaling (more frames per digit). */
  stretch: number;
  /** Darken the ink so its darkest pixels are black (a faint or coloured pen reads like black). */
  normalise?: boolean;
}

/**
 * The strokes cut out on white: each stroke's pixels (grown by one pixel, so anti-aliased edges
 * stay) keep their grey; everything else is white. The crop is 48 px tall with the ink filling
 * `fill` of it, margins of half a line's height left and right, stretched `stretch`×. Null when
 * there are no strokes.
 */
export function inkCrop(image: GreyImage, strokes: readonly Stroke[], view: InkCropView = { fill: 0.7, stretch: 1 }): GreyImage | null {
  if (strokes.length === 0) return null;
  const { width, height, data } = image;
  const x0 = Math.min(...strokes.map((s) => s.x0));
  const x1 = Math.max(...strokes.map((s) => s.x1));
  const y0 = Math.min(...strokes.map((s) => s.y0));
  const y1 = Math.max(...strokes.map((s) => s.y1));
  const inkH = Math.max(1, y1 - y0);
  // Source window with margins: vertical from `fill`, horizontal half the ink's height.
  const targetH = 48;
  const scale = (targetH * view.fill) / inkH;
  const padY = (targetH * (1 - view.fill)) / 2 / scale;
  const padX = inkH * 0.5;
  const sx0 = x0 - padX;
  const sy0 = y0 - padY;
  const srcW = x1 - x0 + 2 * padX;
  const outW = Math.max(targetH, Math.round(srcW * scale * view.stretch));
  const mask = new Uint8Array(width * height);
  for (const s of strokes) {
    for (const i of s.at) {
      const py = Math.floor(i / width);
      const px = i - py * width;
      for (let dy = -1; dy <= 1; dy += 1) {
        for (let dx = -1; dx <= 1; dx += 1) {
          const nx = px + dx;
          const ny = py + dy;
          if (nx >= 0 && nx < width && ny >= 0 && ny < height) mask[ny * width + nx] = 1;
        }
      }
    }
  }
  let darkest = 255;
  if (view.normalise) for (const s of strokes) for (const i of s.at) darkest = Math.min(darkest, data[i] ?? 255);
  const gain = view.normalise && darkest < 250 ? 255 / (255 - darkest) : 1;
  const out = new Uint8Array(outW * targetH).fill(255);
  const kx = 1 / (scale * view.stretch);
  const ky = 1 / scale;
  for (let y = 0; y < targetH; y += 1) {
    const ya = sy0 + y * ky;
    const yb = sy0 + (y + 1) * ky;
    for (let x = 0; x < outW; x += 1) {
      const xa = sx0 + x * kx;
      const xb = sx0 + (x + 1) * kx;
      // Area average over the source pixels this output pixel covers (at least the nearest one).
      let sum = 0;
      let n = 0;
      const iy0 = Math.floor(ya);
      const iy1 = Math.max(iy0 + 1, Math.ceil(yb));
      const ix0 = Math.floor(xa);
      const ix1 = Math.max(ix0 + 1, Math.ceil(xb));
      for (let yy = iy0; yy < iy1; yy += 1) {
        for (let xx = ix0; xx < ix1; xx += 1) {
          const inside = xx >= 0 && xx < width && yy >= 0 && yy < height;
          const j = yy * width + xx;
          sum += inside && mask[j] ? (data[j] ?? 255) : 255;
          n += 1;
        }
      }
      out[y * outW + x] = Math.max(0, Math.round(255 - (255 - sum / n) * gain));
    }
  }
  return { width: outW, height: targetH, data: out, scale: image.scale * scale };
}

/**
 * The clerk's strokes grouped into marks, left to right: as inkMarks counts them, strokes at least
 * two fifths of the tallest one's height whose columns overlap by 0.7 of the narrower's width are
 * one mark; a shorter piece (a `5`'s flag, the dot of a broken stroke) joins the mark its columns
 * overlap most, or the nearest one.
 */
export function markGroups(strokes: readonly Stroke[]): Stroke[][] {
  const tallest = Math.max(0, ...strokes.map((s) => s.y1 - s.y0));
  const tall = (s: Stroke) => s.y1 - s.y0 >= tallest * 0.4;
  const groups: { x0: number; x1: number; strokes: Stroke[] }[] = [];
  for (const s of [...strokes].filter(tall).sort((a, b) => a.x0 - b.x0)) {
    const last = groups[groups.length - 1];
    const overlap = last ? Math.min(last.x1, s.x1) - s.x0 : 0;
    if (last && overlap > 0 && overlap >= 0.7 * Math.min(last.x1 - last.x0, s.x1 - s.x0)) {
      last.x1 = Math.max(last.x1, s.x1);
      last.strokes.push(s);
    } else groups.push({ x0: s.x0, x1: s.x1, strokes: [s] });
  }
  for (const s of strokes.filter((x) => !tall(x))) {
    // Overlap with a group's columns (negative: the distance to it); the largest wins.
    const near = groups.map((g) => ({ g, overlap: Math.min(g.x1, s.x1) - Math.max(g.x0, s.x0) })).sort((a, b) => b.overlap - a.overlap)[0];
    near?.g.strokes.push(s);
  }
  return groups.map((g) => g.strokes);
}

/**
 * The clerk's marks laid out again, left to right, `gap` of the ink's height apart (their rows
 * kept): an image holding only the ink (each stroke's pixels grown by one, as inkCrop keeps them,
 * on the paper's white) and the strokes moved into it. Two pen strokes written close (`11` as
 * `//`), or a ring and a digit touching (`01`), are read as a quote mark or a letter; set apart
 * like printed digits, as digits. Null with fewer than two marks (nothing to space).
 */
export function spacedMarks(image: GreyImage, strokes: readonly Stroke[], gap = 0.3): { image: GreyImage; strokes: Stroke[] } | null {
  const groups = markGroups(strokes);
  if (groups.length < 2) return null;
  const { width, height, data } = image;
  const y0 = Math.max(0, Math.min(...strokes.map((s) => s.y0)) - 1);
  const y1 = Math.min(height, Math.max(...strokes.map((s) => s.y1)) + 1);
  const space = Math.max(2, Math.round((y1 - y0) * gap));
  const boxes = groups.map((g) => ({ x0: Math.max(0, Math.min(...g.map((s) => s.x0)) - 1), x1: Math.min(width, Math.max(...g.map((s) => s.x1)) + 1) }));
  const outW = boxes.reduce((sum, b) => sum + (b.x1 - b.x0), 0) + space * (boxes.length + 1);
  const outH = y1 - y0;
  const out = new Uint8Array(outW * outH).fill(255);
  const moved: Stroke[] = [];
  let at = space;
  groups.forEach((group, g) => {
    const box = boxes[g] as { x0: number; x1: number };
    const shift = at - box.x0;
    for (const s of group) {
      const pixels = new Int32Array(s.at.length);
      s.at.forEach((i, k) => {
        const py = Math.floor(i / width);
        const px = i - py * width;
        pixels[k] = (py - y0) * outW + px + shift;
        // The stroke and a pixel around it (its anti-aliased edge), as inkCrop keeps them.
        for (let dy = -1; dy <= 1; dy += 1) {
          for (let dx = -1; dx <= 1; dx += 1) {
            const nx = px + dx;
            const ny = py + dy;
            if (nx < box.x0 || nx >= box.x1 || ny < y0 || ny >= y1) continue;
            out[(ny - y0) * outW + nx + shift] = data[ny * width + nx] ?? 255;
          }
        }
      });
      moved.push({ x0: s.x0 + shift, x1: s.x1 + shift, y0: s.y0 - y0, y1: s.y1 - y0, pixels: s.pixels, at: pixels });
    }
    at += box.x1 - box.x0 + space;
  });
  return { image: { width: outW, height: outH, data: out, scale: image.scale }, strokes: moved };
}

/**
 * How many separate marks the clerk's strokes make from left to right: strokes whose columns
 * overlap by at least 0.7 of the narrower's width (a `5` and its flag, a `4` drawn in two) are one
 * mark, slanted digits that overlap by half (`11` written as two strokes `//`) two; strokes under two fifths of the
 * tallest mark's height (a stray dot, the tail of a broken stroke) are not counted. A handwritten
 * value has at least as many digits as marks, less only when the pen joins digits.
 */
export function inkMarks(strokes: readonly Stroke[]): number {
  const tallest = Math.max(0, ...strokes.map((s) => s.y1 - s.y0));
  const marks: { x0: number; x1: number }[] = [];
  for (const s of [...strokes].sort((a, b) => a.x0 - b.x0)) {
    const last = marks[marks.length - 1];
    // Overlapping by most of the narrower: two slanted `1`s side by side overlap by half, a `5` and its flag wholly.
    const overlap = last ? Math.min(last.x1, s.x1) - s.x0 : 0;
    if (last && overlap > 0 && overlap >= 0.7 * Math.min(last.x1 - last.x0, s.x1 - s.x0)) last.x1 = Math.max(last.x1, s.x1);
    else marks.push({ x0: s.x0, x1: s.x1 });
  }
  // Count after merging, so a short piece inside a tall mark's columns joins it rather than vanishing.
  return marks.filter((m) => strokes.some((s) => s.x0 >= m.x0 && s.x1 <= m.x1 && s.y1 - s.y0 >= tallest * 0.4)).length;
}

/**
 * The columns of `image` that hold ink between rows `y0` and `y1` (pixels), from the first to the
 * last, widened by `margin` each side and clamped: a header line's text without the empty paper
 * around it, which the recognizer would otherwise read frame by frame. Null when there is no ink.
 */
export function inkColumns(image: GreyImage, x0: number, x1: number, y0: number, y1: number, margin: number): { x0: number; x1: number } | null {
  const threshold = Math.min(otsuThreshold(image), 190);
  const left = Math.max(0, Math.floor(x0));
  const right = Math.min(image.width, Math.ceil(x1));
  const top = Math.max(0, Math.floor(y0));
  const bottom = Math.min(image.height, Math.ceil(y1));
  let first = -1;
  let last = -1;
  for (let x = left; x < right; x += 1) {
    let dark = 0;
    for (let y = top; y < bottom && dark < 2; y += 1) if ((image.data[y * image.width + x] ?? 255) <= threshold) dark += 1;
    // Two dark pixels in a column: a speck of noise is not text.
    if (dark < 2) continue;
    if (first < 0) first = x;
    last = x;
  }
  if (first < 0) return null;
  return { x0: Math.max(left, first - margin), x1: Math.min(right, last + 1 + margin) };
}

/**
 * The strokes that are not the printed letters at `letters` (columns in pixels, labelLetters): a
 * stroke centred within a letter's columns, or half the letter's width beside them, is that letter.
 * A month's blank runs a frame into the labels around it (`tháng 6 năm`): the recognizer's coarse
 * frames let the `n` of `năm` or the `g` of `tháng` in, where it counted as a second mark and ruled
 * the month's one digit out (generated sets: 5 months of 72 had no reading for it).
 */
export function besideLetters(strokes: readonly Stroke[], letters: readonly { x0: number; x1: number }[]): Stroke[] {
  return strokes.filter((s) => {
    const centre = (s.x0 + s.x1) / 2;
    return !letters.some((l) => centre >= l.x0 - (l.x1 - l.x0) / 2 && centre <= l.x1 + (l.x1 - l.x0) / 2);
  });
}
