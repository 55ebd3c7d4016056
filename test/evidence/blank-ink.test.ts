// "Blank" needs evidence that the place is empty: ink in a blank is never blank (issue 9, field
// parts). On a small crop of a place-date line whose day a marker wrote in (`ngày 24 tháng 01`,
// real-headers h01), OCR read `ngày tháng 01 năm 2025` and gave the `24` to the `t` of `tháng`,
// whose box then runs four letters wide: the blank is still found and its ink measured.
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { partsOf } from '../../pipeline/evidence/field-parts.js';
import type { Piece } from '../../pipeline/evidence/layout.js';
import type { Layout, OcrEngine, OcrResult } from '../../pipeline/evidence/ocr-engine.js';
import { PageOcr } from '../../pipeline/evidence/page-ocr.js';
import type { GreyImage } from '../../pipeline/evidence/pdf-page.js';

type CharBox = [number, number, number, number];
const word = (text: string, charBoxes: CharBox[]): Piece => ({
  text, charBoxes, charConfidence: charBoxes.map(() => 0.9),
  x0: Math.min(...charBoxes.map((b) => b[0])), x1: Math.max(...charBoxes.map((b) => b[2])),
  y0: Math.min(...charBoxes.map((b) => b[1])), y1: Math.max(...charBoxes.map((b) => b[3])),
  origin: 'ocr', confidence: 0.9,
});
/** Letters of `text` laid from `x` at `w` pixels each, on the line's band. */
const letters = (text: string, x: number, w = 20): CharBox[] => [...text].map((_, k) => [x + k * w, 248, x + (k + 1) * w - 1, 278]);

// The words OCR gave for h01's date line (pixels of a 220 dpi rendering, shifted to the crop's left).
const NGAY = word('ngày', [[131, 248, 151, 268], [150, 249, 175, 278], [173, 239, 193, 269], [190, 250, 213, 279]]);
const THANG_SWALLOWING = word('tháng', [[221, 242, 299, 281], [298, 242, 317, 273], [318, 243, 339, 273], [340, 254, 359, 274], [358, 254, 383, 283]]);
const THANG_TIGHT = word('tháng', [[278, 242, 299, 281], [298, 242, 317, 273], [318, 243, 339, 273], [340, 254, 359, 274], [358, 254, 383, 283]]);
const REST = [word('01', letters('01', 394)), word('năm', letters('năm', 445)), word('2025', letters('2025', 528))];
const PLACE = [word('Quảng', letters('Quảng', 0, 18))];

/** The crop: white paper, the printed words' boxes inked lightly, and a marker's `24` (two thick strokes) in the blank when `marker`. */
function crop(marker: boolean): GreyImage {
  const width = 640;
  const height = 320;
  const data = new Uint8Array(width * height).fill(245);
  const ink = (x0: number, x1: number, y0: number, y1: number) => {
    for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) data[y * width + x] = 30;
  };
  for (const w of [...PLACE, NGAY, ...REST]) for (let x = w.x0; x < w.x1; x += 6) ink(x, x + 2, 255, 275);
  if (marker) {
    ink(222, 236, 236, 282); // the `2`, a marker stroke
    ink(244, 258, 232, 286); // the `4`
    ink(220, 262, 258, 266);
  }
  return { width, height, data, scale: 220 / 72 };
}

/** An OCR engine that reads the given words, whatever the image. */
function scripted(words: Piece[]): OcrEngine {
  return { async recognise(_image: GreyImage, _layout: Layout): Promise<OcrResult> {
    return { lines: [words.map((w) => ({ ...w }))], confidence: 0.9 };
  } } as unknown as OcrEngine;
}

const SIZE = { width: 591, height: 270 };
const frame = { left: 0, top: 0, scale: 220 / 72, rotation: 0 as const, page: SIZE };
async function dayOf(image: GreyImage, thang: Piece) {
  const ocr = new PageOcr({} as PDFPageProxy, SIZE, scripted([...PLACE, NGAY, thang, ...REST]));
  const seen = await ocr.recognise(image, 'line', frame, 0);
  return { seen, day: partsOf(seen).day };
}

describe('ink in a blank OCR read as nothing', () => {
  it('`ngày 24 tháng 01` with the `24` given to the `t` of `tháng` (h01): the blank is found, holds ink, the day is `handwritten`', async () => {
    const { seen, day } = await dayOf(crop(true), THANG_SWALLOWING);
    expect(seen.date?.value.blankDate).toBe(true);
    expect(seen.date?.gapInk).toBeGreaterThanOrEqual(0.02);
    expect(day.status).toBe('handwritten');
    expect(day.confidence).toBeLessThan(0.8);
    // The place of the day is the blank (between `ngày` and the real `t`), in points of the page.
    expect(day.region?.x0).toBeGreaterThan(213 / (220 / 72) - 1);
    expect(day.region?.x1).toBeLessThan(300 / (220 / 72));
  });

  it('the same line with nothing in the blank: blank (OCR saw it empty, kept under 0.8)', async () => {
    const { seen, day } = await dayOf(crop(false), THANG_TIGHT);
    expect(seen.date?.gapInk).toBeLessThan(0.02);
    expect(day.status).toBe('blank');
    expect(day.confidence).toBeLessThan(0.8);
  });

  it('a wide `t` over an empty blank measures the blank as empty too', async () => {
    const { day } = await dayOf(crop(false), THANG_SWALLOWING);
    expect(day.status).toBe('blank');
  });
});
