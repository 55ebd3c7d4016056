// The header crop: the full width of page 1 around the rows the number and date were read from.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cropRegion, paletteRows, signingBoxes } from '../../pipeline/audit/header-crop.js';
import { greyIndex } from '../../pipeline/audit/png.js';
import { HEADER_OCR_ZONE } from '../../pipeline/evidence/decree30-layout.js';
import type { Piece } from '../../pipeline/evidence/layout.js';
import { annotations, type AnnotationInfo, greyFromRgba, openPdf, textPieces } from '../../pipeline/evidence/pdf-page.js';

const A4 = { width: 595.28, height: 841.89 };

describe('cropRegion', () => {
  it('takes the number/date row with the issuing body above it and a little below, across the page', () => {
    const region = cropRegion({
      number: { x0: 134.5, y0: 99.7, x1: 222.7, y1: 112.7 },
      date: { x0: 296.7, y0: 99.7, x1: 528.2, y1: 112.7 },
    }, A4);
    expect(region.left).toBe(0);
    expect(region.width).toBe(1);
    expect(region.top * A4.height).toBeCloseTo(99.7 - 5.5 * 13, 1);
    expect((region.top + region.height) * A4.height).toBeCloseTo(112.7 + 1.1 * 13, 1);
  });

  it('spans both rows when the number and the date sit on different rows', () => {
    const region = cropRegion({
      number: { x0: 100, y0: 90, x1: 200, y1: 102 },
      date: { x0: 300, y0: 130, x1: 500, y1: 142 },
    }, A4);
    expect(region.top * A4.height).toBeLessThan(90);
    expect((region.top + region.height) * A4.height).toBeGreaterThan(142);
  });

  it('shows the top of the page when nothing was located, so a person can read the header', () => {
    expect(cropRegion({ number: null, date: null }, A4)).toEqual({ left: 0, top: 0, width: 1, height: HEADER_OCR_ZONE });
  });

  it('stays on the page at its top edge', () => {
    const region = cropRegion({ number: { x0: 10, y0: 5, x1: 50, y1: 15 }, date: null }, A4);
    expect(region.top).toBe(0);
  });
});

const piece = (text: string, x0: number, y0: number, y1: number): Piece => ({ text, x0, x1: x0 + 120, y0, y1, origin: 'text', confidence: 1 });
/** The box signing software stamps at the top right, one label a line (7 pt type). */
const BOX_LINES = [piece('Ký bởi: Sở Tư pháp', 357, 8, 15), piece('Email: stp@hungyen.gov.vn', 357, 17, 25), piece('Cơ quan: UBND tỉnh Hưng Yên', 357, 27, 34), piece('Thời gian ký: 15.11.2021 16:23:37 +07:00', 357, 36, 44)];
const NUMBER = { x0: 150, y0: 97, x1: 180, y1: 112 };
const DATE = { x0: 392, y0: 97, x1: 411, y1: 112 };

describe('signingBoxes', () => {
  it('groups the stacked lines of a signature box into one box, widened by a line for its frame', () => {
    const boxes = signingBoxes([...BOX_LINES, piece('Số: 186/BC-STP', 120, 97, 112)]);
    expect(boxes).toHaveLength(1);
    // The tallest line is 8 pt high.
    expect(boxes[0]!.y0).toBeCloseTo(8 - 8, 5);
    expect(boxes[0]!.y1).toBeCloseTo(44 + 8, 5);
  });

  it('finds no box in body lines that only share its other labels (an agency, an e-mail address)', () => {
    expect(signingBoxes([piece('Cơ quan: Sở Nội vụ', 72, 300, 312), piece('Email: snv@hungyen.gov.vn', 72, 314, 326)])).toEqual([]);
  });

  it('takes a visible signature field by its rectangle, not an invisible one', () => {
    const field = (x0: number, y0: number, x1: number, y1: number): AnnotationInfo => ({ subtype: 'Widget', text: null, x0, y0, x1, y1, signatureField: true });
    expect(signingBoxes([], [field(350, 20, 560, 80), field(0, 842, 0, 842)])).toEqual([{ x0: 350, y0: 20, x1: 560, y1: 80 }]);
  });

  it('finds the box of a signed sample document, frame included', async () => {
    const doc = await openPdf(new Uint8Array(await readFile(path.resolve('fixtures/sample-batch/units/STP/evidence/1.1.2/Báo cáo 186-BC-STP.pdf'))));
    try {
      const page = await doc.getPage(1);
      const pieces = await textPieces(page);
      const boxes = signingBoxes(pieces, await annotations(page));
      const signedBy = pieces.find((p) => p.text.startsWith('Ký bởi'))!;
      expect(boxes).toHaveLength(1);
      // The generator draws the frame 3 pt above the first line's top.
      expect(boxes[0]!.y0).toBeLessThan(signedBy.y0 - 3);
    } finally {
      await doc.destroy();
    }
  });
});

describe('cropRegion and signature boxes', () => {
  const box = signingBoxes(BOX_LINES)[0]!;

  it('takes in whole a signature box its top edge would cut through', () => {
    const plain = cropRegion({ number: NUMBER, date: DATE }, A4);
    expect(plain.top * A4.height).toBeGreaterThan(box.y0);
    expect(plain.top * A4.height).toBeLessThan(box.y1);
    const region = cropRegion({ number: NUMBER, date: DATE, signing: [box] }, A4);
    expect(region.top * A4.height).toBeLessThanOrEqual(box.y0);
    expect((region.top + region.height) * A4.height).toBeCloseTo((plain.top + plain.height) * A4.height, 5);
  });

  it('takes in whole a box its bottom edge would cut through', () => {
    const low = { x0: 350, y0: 105, x1: 560, y1: 160 };
    const region = cropRegion({ number: NUMBER, date: DATE, signing: [low] }, A4);
    expect((region.top + region.height) * A4.height).toBeGreaterThanOrEqual(160);
  });

  it('leaves out a box the crop does not reach, and anything too tall to be a signature box', () => {
    const plain = cropRegion({ number: NUMBER, date: DATE }, A4);
    expect(cropRegion({ number: NUMBER, date: DATE, signing: [{ x0: 350, y0: 700, x1: 560, y1: 760 }] }, A4)).toEqual(plain);
    expect(cropRegion({ number: NUMBER, date: DATE, signing: [{ x0: 0, y0: 0, x1: 595, y1: 400 }] }, A4)).toEqual(plain);
  });

  it('takes in whole a box cut by the bottom of a crop that located nothing', () => {
    const bottom = HEADER_OCR_ZONE * A4.height;
    const region = cropRegion({ number: null, date: null, signing: [{ x0: 350, y0: bottom - 20, x1: 560, y1: bottom + 30 }] }, A4);
    expect(region.top).toBe(0);
    expect((region.top + region.height) * A4.height).toBeCloseTo(bottom + 30, 5);
  });
});

describe('paletteRows', () => {
  // Pixels a crop meets: paper, black print, a red number, a blue stamp, grey anti-aliasing.
  const colours: Array<[number, number, number]> = [[255, 255, 255], [0, 0, 0], [212, 0, 42], [0, 95, 212], [128, 128, 128], [250, 251, 252], [255, 255, 254]];
  const width = 5;
  const height = 3;
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i += 1) rgba.set([...colours[i % colours.length]!, 255], 4 * i);

  it("maps a canvas's RGBA to the same palette index as its grey (darkest channel) would get", () => {
    const fromRgba = paletteRows({ width, height, scale: 1, rgba });
    const grey = greyFromRgba(rgba, width * height).data;
    const fromGrey = paletteRows({ width, height, scale: 1, data: grey });
    expect(Buffer.from(fromRgba.bytes).equals(Buffer.from(fromGrey.bytes))).toBe(true);
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) expect(fromRgba.bytes[fromRgba.rowStart(y) + x]).toBe(greyIndex(grey[y * width + x]!));
    }
    // Each row opens with PNG filter type 0.
    expect([0, 1, 2].map((y) => fromRgba.bytes[fromRgba.rowStart(y) - 1])).toEqual([0, 0, 0]);
  });

  it('reads the bytes one by one where they do not line up for 32-bit loads', () => {
    const shifted = new Uint8Array(rgba.length + 1).subarray(1);
    shifted.set(rgba);
    expect(Buffer.from(paletteRows({ width, height, scale: 1, rgba: shifted }).bytes).equals(Buffer.from(paletteRows({ width, height, scale: 1, rgba }).bytes))).toBe(true);
  });
});
