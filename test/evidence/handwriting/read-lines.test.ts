import { describe, expect, it } from 'vitest';
import type { DigitFrames } from '../../../pipeline/evidence/handwriting/ctc-digits.js';
import { readHandLines } from '../../../pipeline/evidence/handwriting/read-lines.js';
import type { GreyImage } from '../../../pipeline/evidence/pdf-page.js';
import { scriptedLine } from '../../helpers/scripted-line.js';

// A recognizer stand-in: its reading of the whole line is scripted (one character per 10 px frame),
// and every crop it is given is recorded and read as `12`.

function recognizer(script: string) {
  const crops: GreyImage[] = [];
  return {
    crops,
    line: async () => scriptedLine(script),
    frames: async (image: GreyImage): Promise<DigitFrames> => {
      crops.push(image);
      const n = Math.max(3, Math.round(image.width / 8));
      return Array.from({ length: n }, (_, t) => {
        const row = new Float64Array(11);
        row[t === Math.floor(n / 3) ? 2 : t === Math.floor((2 * n) / 3) ? 3 : 0] = 1;
        return row;
      });
    },
  };
}

/** A 200 × 64 rendering of a header line: print at x 10–50 and 130–190, the clerk's two strokes `//` at 86–92 and 98–104. */
function rendering(): GreyImage {
  const width = 200;
  const height = 64;
  const data = new Uint8Array(width * height).fill(235);
  for (const [x0, x1, y0, y1] of [[10, 50, 20, 50], [130, 190, 20, 50], [86, 92, 18, 46], [98, 104, 18, 46]] as const) {
    for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) data[y * width + x] = 20;
  }
  return { width, height, data, scale: 220 / 72 };
}

const deps = (script: string) => {
  const r = recognizer(script);
  return { r, deps: { page: { width: 600, height: 800 }, render: async () => rendering(), recognizer: r } };
};
const region = { x0: 100, x1: 300, y0: 100, y1: 112 };

describe('readHandLines: the views of a blank the recognizer reads', () => {
  it('a day\'s two marks are also read set apart, a third of the ink\'s height between them', async () => {
    // `ngay` on frames 1–4, the blank on 5–12 (x 50–130; the line reads `1 2` in it), `thang` from frame 13.
    const { r, deps: d } = deps('-ngay---1-2--thang-');
    const read = await readHandLines([{ region, kinds: ['day'] }], d);
    // The line's frames, three ink views, the marks set apart, the three boxes as scanned.
    expect(read.day?.crops).toBe(1 + 3 + 1 + 3);
    expect(read.day?.marks).toBe(2);
    // The set-apart view: the first ink view's height, wider by the room made between the marks.
    const [first, , , spaced] = r.crops;
    expect(spaced?.height).toBe(48);
    expect(spaced?.width).toBeGreaterThan(first?.width ?? Infinity);
  });
  it('a numeral\'s are not (set apart, a real header\'s `4552` run into the slash read `4532`)', async () => {
    // `Số:` on frames 1–3, the blank on 4–12, the slash and the symbol after it.
    const { deps: d } = deps('-So:----1-2--/Q----');
    const read = await readHandLines([{ region, kinds: ['numeral'] }], d);
    expect(read.numeral?.crops).toBe(1 + 3 + 3);
    expect(read.numeral?.marks).toBe(2);
  });
  it('a numeral\'s blank ends at the printed slash found on the image, also where the recognizer read the slash as a last `1`', async () => {
    // `Số:` at x 10–50, the clerk's `12` as bars at 62–68 and 76–82, the printed slash leaning 0.3
    // from its foot at x 98 (row 51) to its top at x 107 (row 21), the symbol's capitals at 114–130
    // (touched by nothing, but the first one upright-sided), 132–148 and 150–166.
    const width = 200;
    const height = 64;
    const data = new Uint8Array(width * height).fill(235);
    const ink = (x0: number, x1: number, y0: number, y1: number) => {
      for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) data[y * width + x] = 20;
    };
    ink(10, 50, 20, 50);
    ink(62, 68, 18, 46);
    ink(76, 82, 18, 46);
    for (let y = 21; y <= 51; y += 1) {
      const cx = 98 + 0.3 * (51 - y);
      ink(Math.round(cx - 1.5), Math.round(cx + 1.5), y, y + 1);
    }
    ink(114, 130, 20, 50);
    ink(132, 148, 20, 50);
    ink(150, 166, 20, 50);
    const image: GreyImage = { width, height, data, scale: 220 / 72 };
    // The line read `Số: 12 1QSS`: no slash read, the slash's frame (9) read as a `1` inside the blank.
    const r = recognizer('-So:--12-1-QSS-----');
    const read = await readHandLines([{ region, kinds: ['numeral'] }], { page: { width: 600, height: 800 }, render: async () => image, recognizer: r });
    // Two marks, the clerk's: the slash is not one of them.
    expect(read.numeral?.marks).toBe(2);
  });
});
