import { describe, expect, it } from 'vitest';
import { clerkStrokes, inkMarks } from '../../../pipeline/evidence/handwriting/ink-crop.js';
import { findPrintedSlash, slashFreeView, slashTouched, symbolRow, withoutSlash } from '../../../pipeline/evidence/handwriting/printed-slash.js';
import type { GreyImage } from '../../../pipeline/evidence/pdf-page.js';

const PAPER = 235;
const BLACK = 20;

/** A grey header line 200 × 70 px: boxes `[x0, y0, x1, y1]` and leaning strokes of ink. */
function line(boxes: [number, number, number, number][], leaning: { x: number; lean: number; top: number; bottom: number; width: number }[]): GreyImage {
  const width = 200;
  const height = 70;
  const data = new Uint8Array(width * height).fill(PAPER);
  for (const [x0, y0, x1, y1] of boxes) for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) data[y * width + x] = BLACK;
  for (const s of leaning) {
    for (let y = s.top; y <= s.bottom; y += 1) {
      const cx = s.x + s.lean * (s.bottom - y);
      for (let x = Math.round(cx - s.width / 2); x < Math.round(cx + s.width / 2); x += 1) data[y * width + x] = BLACK;
    }
  }
  return { width, height, data, scale: 220 / 72 };
}

// `Số: 731/BB`: the row's capitals 22–50 (baseline 50), the symbol's `BB` at 126–140 and 141–155,
// the slash's foot at x 112 leaning 0.35 (its top at 122), the clerk's `7` and `3` as bars left of it.
const letters: [number, number, number, number][] = [[126, 22, 140, 50], [141, 22, 155, 50]];
const printed = { x: 112, lean: 0.35, top: 21, bottom: 51, width: 3 };
const digits: [number, number, number, number][] = [[60, 16, 64, 46], [60, 16, 72, 19], [80, 16, 84, 46], [76, 30, 84, 33]];
// The recognizer's blank ends before the last digit (its frames are coarse).
const blank = { x0: 40, x1: 96, rowTop: 20, rowBottom: 50 };
// A last `1` drawn leaning like the slash and run into its foot.
const one = { x: 102, lean: 0.2, top: 16, bottom: 47, width: 3 };
const foot: [number, number, number, number] = [101, 45, 112, 48];

describe('findPrintedSlash: the symbol\'s printed slash on the line image', () => {
  it('finds the capitals\' row from the symbol\'s letters, not from the slash or a narrow stroke', () => {
    expect(symbolRow(line([...digits, ...letters], [printed]), blank)).toEqual({ capTop: 22, baseline: 50, firstLetter: 126 });
  });
  it('finds the slash\'s centre line and lean, with the pen\'s `1` beside it', () => {
    const slash = findPrintedSlash(line([...digits, ...letters, foot], [printed, one]), blank);
    expect(slash).not.toBeNull();
    expect(Math.abs((slash?.x ?? 0) - (112 + 0.35 * (51 - (slash?.bottom ?? 51))))).toBeLessThanOrEqual(1.5);
    expect(slash?.lean).toBeCloseTo(0.35, 1);
  });
  it('looks past an upright stem before the first letter (`731/ITr`: the `I` too narrow to be a letter)', () => {
    const shifted: [number, number, number, number][] = [[131, 22, 145, 50], [146, 22, 160, 50]];
    const wider = { ...blank, x1: 100 };
    const image = line([...digits, [126, 22, 129, 50], ...shifted], [printed]);
    expect(symbolRow(image, wider)?.firstLetter).toBe(131);
    const slash = findPrintedSlash(image, wider);
    expect(slash?.lean).toBeCloseTo(0.35, 1);
    expect(Math.abs((slash?.x ?? 0) - (112 + 0.35 * (51 - (slash?.bottom ?? 51))))).toBeLessThanOrEqual(1.5);
  });
  it('finds nothing where no straight stroke spans the capitals before the first letter (`08 CT`)', () => {
    expect(findPrintedSlash(line([...digits, ...letters], []), blank)).toBeNull();
  });
});

describe('slashTouched and withoutSlash: a black pen\'s last digit run into the slash', () => {
  it('the pen joined to the slash is a touch; the slash standing alone is not', () => {
    const touched = line([...digits, ...letters, foot], [printed, one]);
    const clear = line([...digits, ...letters], [printed]);
    expect(slashTouched(touched, blank, findPrintedSlash(touched, blank) as NonNullable<ReturnType<typeof findPrintedSlash>>)).toBe(true);
    expect(slashTouched(clear, blank, findPrintedSlash(clear, blank) as NonNullable<ReturnType<typeof findPrintedSlash>>)).toBe(false);
  });
  it('takes the slash out and keeps the pen\'s `1` and the symbol', () => {
    const image = line([...digits, ...letters, foot], [printed, one]);
    const out = withoutSlash(image, findPrintedSlash(image, blank) as NonNullable<ReturnType<typeof findPrintedSlash>>);
    const at = (x: number, y: number) => out.data[y * out.width + x] ?? 255;
    expect(at(117, 35)).toBeGreaterThanOrEqual(PAPER); // the slash's middle
    expect(at(120, 25)).toBeGreaterThanOrEqual(PAPER);
    expect(at(104, 35)).toBe(BLACK); // the pen's `1`
    expect(at(138, 35)).toBe(BLACK); // the symbol
  });
});

describe('slashFreeView: the numeral\'s blank bounded by the printed slash', () => {
  it('reads the last `1` run into the slash as a third mark', () => {
    const image = line([...digits, ...letters, foot], [printed, one]);
    expect(inkMarks(clerkStrokes(image, blank))).toBe(2);
    const view = slashFreeView(image, blank, { x0: 100, x1: 130 });
    expect(view?.touched).toBe(true);
    expect(inkMarks(clerkStrokes(view?.image as GreyImage, view?.place as typeof blank))).toBe(3);
  });
  it('runs the blank on to the slash\'s foot when a last digit stands clear of it', () => {
    const image = line([...digits, ...letters, [100, 18, 104, 46]], [printed]);
    const view = slashFreeView(image, blank, { x0: 100, x1: 130 });
    expect(view?.touched).toBe(false);
    expect(view?.image).toBe(image);
    expect(inkMarks(clerkStrokes(image, view?.place as typeof blank))).toBe(3);
  });
  it('cuts the blank back to the slash\'s foot when the recognizer\'s frames ran past the slash (`731/` read `7311`)', () => {
    const image = line([...digits, [130, 22, 144, 50], [145, 22, 159, 50]], [printed]);
    const past = { ...blank, x1: 119 };
    expect(inkMarks(clerkStrokes(image, past))).toBe(3);
    const view = slashFreeView(image, past, { x0: 100, x1: 130 });
    expect(view?.touched).toBe(false);
    expect(view?.place.x1).toBeLessThan(112);
    expect(inkMarks(clerkStrokes(image, view?.place as typeof blank))).toBe(2);
  });
  it('takes nothing out where the recognizer read no slash in those columns', () => {
    expect(slashFreeView(line([...digits, ...letters, foot], [printed, one]), blank, { x0: 140, x1: 170 })).toBeNull();
  });
});
