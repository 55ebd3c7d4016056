import { describe, expect, it } from 'vitest';
import { cropImage } from '../../../pipeline/evidence/handwriting/blank-crops.js';
import { penChroma, penOnly, penShare, penView } from '../../../pipeline/evidence/handwriting/pen-ink.js';
import type { GreyImage } from '../../../pipeline/evidence/pdf-page.js';

/** A paper image (grey 235, chroma 6) with boxes of ink `[x0, y0, x1, y1, grey, chroma]`. */
function image(width: number, height: number, boxes: [number, number, number, number, number, number][]): GreyImage {
  const data = new Uint8Array(width * height).fill(235);
  const chroma = new Uint8Array(width * height).fill(6);
  for (const [x0, y0, x1, y1, grey, c] of boxes) {
    for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) {
      data[y * width + x] = grey;
      chroma[y * width + x] = c;
    }
  }
  return { width, height, data, chroma, scale: 220 / 72 };
}

const BLACK = 20;
// A header line 30 px tall (rows 20–50): `Số:` printed at 5–30, the blank 40–110, the slash 112–118, `QĐ` 122–190.
const label: [number, number, number, number, number, number] = [5, 22, 30, 50, BLACK, 0];
const slash: [number, number, number, number, number, number] = [112, 20, 118, 52, BLACK, 0];
const symbol: [number, number, number, number, number, number] = [122, 22, 190, 50, BLACK, 0];
const blank = { x0: 40, x1: 110, rowTop: 20, rowBottom: 50 };
// A blue pen: dark (its darkest channel) and strongly coloured; a last digit drawn across the slash.
const pen: [number, number, number, number, number, number][] = [[55, 12, 70, 48, 60, 140], [80, 12, 95, 48, 60, 140], [100, 14, 116, 46, 60, 140]];

describe('penOnly: the coloured pen without the black print', () => {
  it('keeps the pen, the part of a digit across the slash too, and whitens the label, the slash and the symbol', () => {
    const line = image(200, 70, [label, slash, symbol, ...pen]);
    const only = penOnly(line, penChroma(line, { x0: 40, x1: 110, y0: 5, y1: 56 })) as GreyImage;
    const at = (x: number, y: number) => only.data[y * only.width + x];
    expect(at(60, 30)).toBe(60);
    expect(at(115, 30)).toBe(60); // the pen over the slash's columns
    expect(at(10, 30)).toBe(255); // the label
    expect(at(113, 50)).toBe(255); // the slash below the pen
    expect(at(150, 30)).toBe(255); // the symbol
  });
  it('a pale stroke edge next to the pen stays; print\'s grey halo far from the pen goes', () => {
    const line = image(200, 70, [label, [55, 12, 70, 48, 60, 140], [70, 12, 72, 48, 150, 10], [30, 22, 32, 50, 150, 10]]);
    const only = penOnly(line, penChroma(line, { x0: 40, x1: 110, y0: 5, y1: 56 })) as GreyImage;
    expect(only.data[30 * 200 + 71]).toBe(150);
    expect(only.data[30 * 200 + 31]).toBe(255);
  });
  it('a pen stroke the printed slash lies over is mended across it; the slash above and below the stroke stays out', () => {
    // A digit's bar (rows 30–34) drawn from 100 to 125, the slash printed over it at 112–118.
    const line = image(200, 70, [label, [100, 30, 125, 34, 60, 140], [100, 14, 104, 46, 60, 140], slash, symbol]);
    const only = penOnly(line, penChroma(line, { x0: 40, x1: 110, y0: 5, y1: 56 })) as GreyImage;
    const at = (x: number, y: number) => only.data[y * only.width + x];
    for (const x of [112, 115, 117]) expect(at(x, 32)).toBe(60);
    expect(at(115, 25)).toBe(255);
    expect(at(115, 45)).toBe(255);
    expect(at(150, 32)).toBe(255);
  });
  it('a leader dot between two pen digits is not a crossing: paper lies between them and the dot stays out', () => {
    const line = image(200, 70, [label, [60, 14, 64, 46, 60, 140], [70, 14, 74, 46, 60, 140], [66, 40, 68, 42, BLACK, 0], slash, symbol]);
    const only = penOnly(line, penChroma(line, { x0: 40, x1: 110, y0: 5, y1: 56 })) as GreyImage;
    expect(only.data[41 * 200 + 66]).toBe(255);
    expect(only.data[41 * 200 + 67]).toBe(255);
  });
  it('nothing to separate on a scan without colour', () => {
    const { chroma: _, ...grey } = image(200, 70, [label, ...pen]);
    expect(penOnly(grey, { seed: 32, grow: 16 })).toBeNull();
  });
});

describe('penView: when a blank is read from the pen alone', () => {
  it('a blue pen in the blank: the pen alone, the blank widened to reach a digit across the slash', () => {
    const view = penView(image(200, 70, [label, slash, symbol, ...pen]), blank);
    expect(view).not.toBeNull();
    expect(view?.place.x0).toBeLessThan(blank.x0);
    expect(view?.place.x1).toBeGreaterThanOrEqual(116);
    expect(view?.image.data[30 * 200 + 150]).toBe(255);
  });
  it('a black pen, or a grey scan: read as scanned', () => {
    const black = pen.map(([x0, y0, x1, y1]) => [x0, y0, x1, y1, BLACK, 0] as [number, number, number, number, number, number]);
    expect(penView(image(200, 70, [label, slash, symbol, ...black]), blank)).toBeNull();
    const { chroma: _, ...grey } = image(200, 70, [label, slash, symbol, ...pen]);
    expect(penView(grey, blank)).toBeNull();
  });
  it('a tinted paper is not a pen: the pen\'s chroma is measured above the paper\'s', () => {
    const tinted = image(200, 70, [[0, 0, 200, 70, 235, 40], label, slash, symbol]);
    const box = { x0: 40, x1: 110, y0: 5, y1: 56 };
    expect(penChroma(tinted, box).seed).toBeGreaterThan(40);
    expect(penShare(tinted, box, penChroma(tinted, box))).toBe(0);
    expect(penView(tinted, blank)).toBeNull();
  });
});

describe('cropImage keeps the chroma', () => {
  it('a crop of a colour image has the crop\'s chroma, padded with none', () => {
    const line = image(200, 70, [...pen]);
    const crop = cropImage(line, { x0: 50, x1: 100, y0: 10, y1: 50 }, 2);
    expect(crop.chroma?.[(2 + 5) * crop.width + 2 + 10]).toBe(140);
    expect(crop.chroma?.[0]).toBe(0);
  });
});
