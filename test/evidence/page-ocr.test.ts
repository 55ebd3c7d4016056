// OCR of a number or a day stamped at signing as a picture, read alone from the picture: taken only
// when two resolutions read the same numeral, else left to OCR of the rendered row.
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { COLUMN_SPLIT } from '../../pipeline/evidence/decree30-layout.js';
import { readMapped } from '../../pipeline/evidence/header-fields.js';
import { buildLines, columnText, type Piece } from '../../pipeline/evidence/layout.js';
import type { Layout, OcrEngine, OcrResult } from '../../pipeline/evidence/ocr-engine.js';
import { PageOcr } from '../../pipeline/evidence/page-ocr.js';
import type { GreyImage } from '../../pipeline/evidence/pdf-page.js';

const SIZE = { width: 595, height: 842 };
const split = SIZE.width * COLUMN_SPLIT;
const text = (t: string, x0: number, x1: number): Piece => ({ text: t, x0, x1, y0: 100, y1: 112, origin: 'text', confidence: 1 });
// The text layer of a signed công văn: number and day blank.
const ROW = [text('Số:          /SGDĐT-GDTH', 70, 230), text('Lào Cai, ngày       tháng 4 năm 2023', 330, 530)];
const blankHeader = () => {
  const lines = buildLines(ROW, split);
  return readMapped(columnText(lines, split), false, lines);
};
// A picture of ink over the number's blank (the rectangle the stamp annotation covers).
const numberPicture = { x0: 105, x1: 140, y0: 98, y1: 113, image: { width: 140, height: 60, data: new Uint8Array(140 * 60).fill(255).fill(0, 20 * 140, 40 * 140) } };

/** An OCR engine that reads what it is told, one reading per call, as one word across the image. */
function scripted(readings: string[]): OcrEngine & { calls: number } {
  const engine = {
    calls: 0,
    async recognise(image: GreyImage, _layout: Layout): Promise<OcrResult> {
      const word = readings[engine.calls++] ?? '';
      return { lines: [[{ text: word, x0: image.width * 0.2, x1: image.width * 0.8, y0: 2, y1: image.height - 2, origin: 'ocr', confidence: 0.95 }]], confidence: 0.95 };
    },
  };
  return engine as unknown as OcrEngine & { calls: number };
}

describe('PageOcr.pictures', () => {
  it('fills the number blank with the numeral both resolutions read: `789` → 789/SGDĐT-GDTH, from OCR', async () => {
    const engine = scripted(['789', '789']);
    const ocr = new PageOcr({} as PDFPageProxy, SIZE, engine);
    const header = await ocr.pictures([numberPicture], ROW, blankHeader());
    expect(header.number?.value).toMatchObject({ number: '789/SGDĐT-GDTH', blankNumber: false });
    expect(header.number?.origin).toBe('ocr');
    expect(engine.calls).toBe(2);
    expect(ocr.regions).toBe(2);
  });

  it('readings that differ (`7/89` at one resolution, `789` at the other) fill nothing: the row is OCR\'d instead', async () => {
    const header = await new PageOcr({} as PDFPageProxy, SIZE, scripted(['7/89', '789'])).pictures([numberPicture], ROW, blankHeader());
    expect(header.number?.value.blankNumber).toBe(true);
  });

  it('a reading that is not a numeral, or only zeros, fills nothing', async () => {
    for (const reading of ['0', '12/SNV', 'Số']) {
      const header = await new PageOcr({} as PDFPageProxy, SIZE, scripted([reading, reading])).pictures([numberPicture], ROW, blankHeader());
      expect(header.number?.value.blankNumber, reading).toBe(true);
    }
  });

  it('a blank picture is not sent to OCR', async () => {
    const engine = scripted([]);
    const blank = { ...numberPicture, image: { width: 10, height: 10, data: new Uint8Array(100).fill(255) } };
    await new PageOcr({} as PDFPageProxy, SIZE, engine).pictures([blank], ROW, blankHeader());
    expect(engine.calls).toBe(0);
  });
});
