import { describe, expect, it } from 'vitest';
import { besideLetters, clerkStrokes, edgeJoins, inkColumns, inkCrop, inkMarks, markGroups, spacedMarks } from '../../../pipeline/evidence/handwriting/ink-crop.js';
import type { GreyImage } from '../../../pipeline/evidence/pdf-page.js';

/** A paper-grey image (230) with rectangles of ink `[x0, y0, x1, y1, grey]`. */
function image(width: number, height: number, boxes: [number, number, number, number, number?][]): GreyImage {
  const data = new Uint8Array(width * height).fill(230);
  for (const [x0, y0, x1, y1, grey = 20] of boxes) for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) data[y * width + x] = grey;
  return { width, height, data, scale: 220 / 72 };
}

// A header line 30 px tall (rows 20–50) in a 200 × 70 view: `Số:` printed at 5–40, the blank 45–140, `/QĐ` at 145–195.
const label: [number, number, number, number][] = [[5, 22, 30, 50], [33, 30, 36, 34], [33, 42, 36, 46]];
const symbol: [number, number, number, number][] = [[145, 20, 150, 52], [155, 22, 195, 50]];
const blank = { x0: 40, x1: 142, rowTop: 20, rowBottom: 50 };

describe('clerkStrokes: the clerk\'s ink in a blank, without the print around it', () => {
  it('`Số: 46 /QĐ`: the two pen digits, not the label, its colon, the slash or the symbol', () => {
    const line = image(200, 70, [...label, ...symbol, [60, 12, 75, 48], [85, 10, 100, 47]]);
    expect(clerkStrokes(line, blank).map((s) => [s.x0, s.x1])).toEqual([[60, 75], [85, 100]]);
  });
  it('a dotted leader, a rule under the line and the next line\'s ascenders are not ink', () => {
    const dots: [number, number, number, number][] = [50, 60, 70, 80, 90].map((x) => [x, 47, x + 2, 49]);
    const line = image(200, 70, [...label, ...symbol, ...dots, [45, 52, 140, 54], [70, 62, 78, 70]]);
    expect(clerkStrokes(line, blank)).toEqual([]);
  });
  it('a faint pen (grey 170) beside black print still counts as ink', () => {
    const line = image(200, 70, [...label, ...symbol, [60, 12, 75, 48, 170]]);
    expect(clerkStrokes(line, blank).map((s) => [s.x0, s.x1])).toEqual([[60, 75]]);
  });
  it('a last digit drawn through the printed slash is kept whole with it', () => {
    const line = image(200, 70, [...label, [155, 22, 195, 50], [60, 12, 75, 48], [125, 14, 151, 48]]);
    expect(clerkStrokes(line, blank).map((s) => [s.x0, s.x1])).toEqual([[60, 75], [125, 151]]);
  });
});

describe('inkMarks: how many separate marks the ink makes', () => {
  it('`27`: two marks; a `5` whose flag overlaps its body is one', () => {
    const two = image(200, 70, [[60, 12, 75, 48], [85, 10, 100, 47]]);
    expect(inkMarks(clerkStrokes(two, blank))).toBe(2);
    const five = image(200, 70, [[60, 20, 72, 48], [64, 10, 80, 14]]);
    expect(inkMarks(clerkStrokes(five, blank))).toBe(1);
  });
  it('`11` written as two slanted strokes that overlap by half: two marks, not one', () => {
    // Each stroke's box 20 px wide; the second starts halfway along the first.
    const strokes = [{ x0: 60, x1: 80, y0: 14, y1: 48, pixels: 1, at: new Int32Array() }, { x0: 70, x1: 90, y0: 12, y1: 46, pixels: 1, at: new Int32Array() }];
    expect(inkMarks(strokes)).toBe(2);
  });
  it('no ink, no marks', () => {
    expect(inkMarks([])).toBe(0);
  });
});

describe('edgeJoins: a digit joined to the print at an end of the blank', () => {
  it('a first `1` drawn over the label\'s last letter, in one stroke with it: one end joined', () => {
    // The label's last letter (x 30–40) and a tall stroke from it into the blank (to x 58).
    const line = image(200, 70, [...label, [30, 20, 58, 46], [85, 10, 100, 47], ...symbol]);
    expect(edgeJoins(line, { ...blank, x0: 45 })).toBe(1);
  });
  it('a last digit run into the printed slash: one end joined; digits clear of the print: none', () => {
    const through = image(200, 70, [...label, [60, 12, 75, 48], [125, 14, 151, 48], [155, 22, 195, 50]]);
    expect(edgeJoins(through, blank)).toBe(1);
    const clear = image(200, 70, [...label, ...symbol, [60, 12, 75, 48], [85, 10, 100, 47]]);
    expect(edgeJoins(clear, blank)).toBe(0);
  });
  it('a last digit kept whole with the slash among the clerk\'s strokes is counted there, not again at the end', () => {
    const through = image(200, 70, [...label, [60, 12, 75, 48], [125, 14, 151, 48], [155, 22, 195, 50]]);
    const strokes = clerkStrokes(through, blank);
    expect(inkMarks(strokes)).toBe(2);
    expect(edgeJoins(through, blank, strokes)).toBe(0);
  });
  it('a digit joined to the whole symbol, which the clerk\'s strokes leave out, still adds its end', () => {
    // The last digit, the slash and the symbol's letters in one connected mark from x 130 to 195.
    const joined = image(200, 70, [...label, [60, 12, 75, 48], [130, 14, 151, 48], [150, 22, 195, 50]]);
    const strokes = clerkStrokes(joined, blank);
    expect(inkMarks(strokes)).toBe(1);
    expect(edgeJoins(joined, blank, strokes)).toBe(1);
  });
  it('a rule under the whole line crosses both ends but is not a digit', () => {
    const line = image(200, 70, [...label, ...symbol, [0, 52, 200, 54], [60, 12, 75, 48]]);
    expect(edgeJoins(line, blank)).toBe(0);
  });
});

describe('inkCrop: the ink alone, at the recognizer\'s height', () => {
  it('is 48 px tall, white but for the strokes, a faint pen darkened to black', () => {
    const line = image(200, 70, [...label, ...symbol, [60, 12, 75, 48, 170]]);
    const crop = inkCrop(line, clerkStrokes(line, blank), { fill: 0.7, stretch: 1, normalise: true });
    expect(crop?.height).toBe(48);
    const values = [...(crop?.data ?? [])];
    expect(Math.min(...values)).toBeLessThan(30);
    // The corners are margin: pure white, not the scan's grey paper.
    expect(values[0]).toBe(255);
    expect(values[values.length - 1]).toBe(255);
  });
  it('stretched, it is wider by the stretch', () => {
    const line = image(200, 70, [[60, 12, 75, 48]]);
    const strokes = clerkStrokes(line, blank);
    const plain = inkCrop(line, strokes, { fill: 0.7, stretch: 1 });
    const wide = inkCrop(line, strokes, { fill: 0.7, stretch: 1.4 });
    expect((wide?.width ?? 0) / (plain?.width ?? 1)).toBeCloseTo(1.4, 1);
  });
  it('nothing to crop without strokes', () => {
    expect(inkCrop(image(10, 10, []), [])).toBeNull();
  });
});

describe('inkColumns: a header line without the empty paper around its text', () => {
  it('from the first to the last column with ink in the line\'s rows, widened by the margin', () => {
    const line = image(200, 70, [...label, ...symbol, [70, 0, 190, 4]]);
    expect(inkColumns(line, 0, 200, 20, 50, 10)).toEqual({ x0: 0, x1: 200 });
    expect(inkColumns(image(400, 70, [[100, 20, 120, 50], [200, 22, 260, 50]]), 0, 400, 20, 50, 10)).toEqual({ x0: 90, x1: 270 });
  });
  it('a rule above the rows and a lone speck are not text; no text, no columns', () => {
    expect(inkColumns(image(400, 70, [[10, 0, 390, 4], [300, 30, 301, 31]]), 0, 400, 20, 50, 10)).toBeNull();
  });
});

describe('spacedMarks: the clerk\'s marks laid out again, apart like printed digits', () => {
  it('`11` as two strokes 5 px apart: the second moved so the gap is a third of the ink\'s height, every pixel kept', () => {
    const line = image(200, 70, [[60, 12, 66, 48], [71, 12, 77, 48]]);
    const strokes = clerkStrokes(line, blank);
    const spaced = spacedMarks(line, strokes, 1 / 3);
    expect(spaced).not.toBeNull();
    const moved = spaced?.strokes ?? [];
    expect(moved).toHaveLength(2);
    // Ink 36 px tall (rows 12–48) plus a pixel each side: 38; a third of it is the gap, 13 px, between the grown boxes.
    const [a, b] = moved as [(typeof moved)[0], (typeof moved)[0]];
    expect(b.x0 - 1 - (a.x1 + 1)).toBe(13);
    expect(moved.map((s) => s.pixels)).toEqual(strokes.map((s) => s.pixels));
    // The moved strokes' pixels are ink in the new image, and the image is white elsewhere.
    const out = spaced?.image as GreyImage;
    for (const s of moved) for (const i of s.at) expect(out.data[i]).toBe(20);
    expect(out.data[0]).toBe(255);
  });
  it('one mark (a `5` and its flag) is nothing to space: null', () => {
    const five = image(200, 70, [[60, 20, 72, 48], [64, 10, 80, 14]]);
    expect(markGroups(clerkStrokes(five, blank))).toHaveLength(1);
    expect(spacedMarks(five, clerkStrokes(five, blank))).toBeNull();
  });
  it('a read of the spaced marks is an ink crop like any other', () => {
    const line = image(200, 70, [[60, 12, 66, 48], [71, 12, 77, 48]]);
    const spaced = spacedMarks(line, clerkStrokes(line, blank));
    const crop = spaced ? inkCrop(spaced.image, spaced.strokes, { fill: 0.7, stretch: 1 }) : null;
    expect(crop?.height).toBe(48);
  });
});

describe('besideLetters: a month\'s strokes without the labels\' letters its blank runs into', () => {
  const stroke = (x0: number, x1: number) => ({ x0, x1, y0: 14, y1: 48, pixels: 1, at: new Int32Array() });
  it('`tháng 6 năm`: the `n` of `năm` (centred in its columns 80–96) is print; the `6` is the clerk\'s', () => {
    expect(besideLetters([stroke(45, 60), stroke(78, 94)], [{ x0: 24, x1: 32 }, { x0: 80, x1: 96 }]).map((s) => s.x0)).toEqual([45]);
  });
  it('a stroke centred more than half a letter\'s width from it is kept', () => {
    // The `g` at 24–32: up to 36 is the letter; a digit centred at 38 is not.
    expect(besideLetters([stroke(30, 46)], [{ x0: 24, x1: 32 }]).map((s) => s.x0)).toEqual([30]);
    expect(besideLetters([stroke(26, 42)], [{ x0: 24, x1: 32 }])).toEqual([]);
  });
});
