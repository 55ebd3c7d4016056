// OCR of a number or a day stamped at signing as a picture, read alone from the picture: taken only
// when two resolutions read the same numeral, else left to OCR of the rendered row.
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { COLUMN_SPLIT } from '../../pipeline/evidence/decree30-layout.js';
import { readMapped } from '../../pipeline/evidence/header-fields.js';
import { buildLines, columnText, type Piece } from '../../pipeline/evidence/layout.js';
import type { Layout, OcrEngine, OcrResult } from '../../pipeline/evidence/ocr-engine.js';
import { aboveNumberRow, digitsAfterLabel, headerLandmarks, PageOcr } from '../../pipeline/evidence/page-ocr.js';
import type { PageImage } from '../../pipeline/evidence/page-image.js';
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

describe('headerLandmarks', () => {
  it.each([
    ['an upright header whose number and date OCR could not read', 'ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTÍNH NINH BÌNH   Độc lập - Tự do - Hạnh phúc\nSố: 2/7ẨUBND-KT   Ninh Bình, ngày ( tháng 8 năm 2021', { number: true, date: true, upright: true }],
    ['OCR’s `Sô:` and `nšm` (real-headers h01)', 'Sô:46` /TB-UBND   Quảng Ngãi, ngày 94 tháng DJ] nšm 2025', { number: true, date: true, upright: true }],
    ['the label after a curly quote OCR put before it (`“số:`)', '“số: Ỷ2%BC-SGDĐT   °   LàoCai, ngày 25 tháng 5 năm 2023.', { number: true, date: true, upright: true }],
    ['OCR’s `86:` for a `Số:` with a pen stroke over it, on the number/date row', '-.¬ 86:/7//“|BB-STP Thái Nguyên, ngày 08 tháng 9năm 2023 —,', { number: true, date: true, upright: true }],
    ['an article heading in the body (`Điều 80.`) is no label', 'Điều 80. Hiệu lực thi hành', { number: false, date: false, upright: false }],
    ['the same header read upside down', '. UV UCA U9ẨnN   :   |   .\nTA :MM -\n(9/q) uun GN8H -   ,\n” 20G WVIO OHd   :uộUU ‡ON', { number: false, date: false, upright: false }],
    ['a page read on its side', ':   :   .   =   <\nEm P0?   =   -\nsi li số cần G88 SA ág E SỸ', { number: false, date: false, upright: false }],
  ])('%s', (_name, text, expected) => {
    expect(headerLandmarks(text)).toEqual(expected);
  });
});

describe('aboveNumberRow', () => {
  it.each([
    ['the national title and the body', 'ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', true],
    ['the motto', 'SỞ XÂY DỰNG   Độc lập - Tự do - Hạnh phúc', true],
    ['a signing box line read without accents', 'ca   | Co quan: Tỉnh Tuyên Quang   - |', true],
    ['the number/date row', 'Số: 45/KH-UBND   Ninh Bình, ngày 9 tháng 3 năm 2023', false],
    ['a row with the place-date line only', 'Ủy ban nhân dân ... Ninh Bình, ngày 9 tháng 3 năm 2023', false],
    ['garbage', '¬n Ì máng', false],
  ])('%s', (_name, text, expected) => {
    expect(aboveNumberRow(text)).toBe(expected);
  });
});

describe('digitsAfterLabel', () => {
  it.each([
    ['a printed numeral with a misread symbol', 'Số: 120/5NV-CCHC&QLVTLT Lào Cai, ngày 18 tháng 9 năm 2022', true],
    ['no space after the label', 'Số:1794/HD-STC Bắc Giang, ngày 16 tháng 01 năm 2024', true],
    ['a pen numeral read as strokes', 'Số: “Zt/BC:-UBND Ninh Bình, ngày 26 tháng 5 năm 2023', false],
    ['the label read without its accent, strokes after it', 'So: ZZØ/BC:UBND', false],
    ['the label read `86:`, strokes after it', '86:/7//“|BB-STP Thái Nguyên, ngày 08 tháng 9 năm 2023', false],
    ['the label read `8ố:`, a printed numeral after it', '8ố: 120/QĐ-UBND Lào Cai, ngày 18 tháng 9 năm 2022', true],
    ['no label at all', '/7//“|BB-STP Thái Nguyên, ngày 08 tháng 9 năm 2023 số 12', false],
  ])('%s', (_name, text, expected) => {
    expect(digitsAfterLabel(text)).toBe(expected);
  });
});

describe('PageOcr.scannedHeader: a strategy that reads at least what one plain pass reads, and not more often', () => {
  // A scanned page 1 as a grey image: a few rows of dark print-like bars at the top (the header).
  const SCAN = { width: 595, height: 842 };
  const rowsImage = (): PageImage => {
    const width = 1240;
    const height = 1754;
    const rows = new Uint8Array(width * height).fill(240);
    for (const y of [60, 110, 206, 260]) for (let yy = y; yy < y + 22; yy += 1) for (let x = 80; x < 1160; x += 1) if (x % 9 < 6 && (x < 520 || x > 620)) rows[yy * width + x] = 20;
    return { kind: 'grey', rows, bits: 8, rowBytes: width, width, height, pageWidth: SCAN.width, pageHeight: SCAN.height };
  };
  /** An engine that reads an upright header whose number and day are pen-written (nothing parses), logging each call's layout. */
  function penHeader(): OcrEngine & { layouts: Layout[] } {
    const engine = {
      layouts: [] as Layout[],
      async recognise(_image: GreyImage, layout: Layout): Promise<OcrResult> {
        engine.layouts.push(layout);
        const w = (text: string, x0: number, x1: number, y: number): Piece => ({ text, x0, x1, y0: y, y1: y + 40, origin: 'ocr', confidence: 0.8 });
        if (layout === 'block') {
          return { lines: [
            [w('ỦY', 60, 120, 100), w('BAN', 130, 220, 100), w('NHÂN', 230, 330, 100), w('DÂN', 340, 420, 100), w('CỘNG', 900, 1010, 100), w('HÒA', 1020, 1100, 100), w('XÃ', 1110, 1160, 100), w('HỘI', 1170, 1250, 100)],
            [w('Độc', 1000, 1070, 180), w('lập', 1080, 1150, 180), w('-', 1160, 1170, 180), w('Tự', 1180, 1230, 180), w('do', 1240, 1290, 180)],
            [w('Số:', 150, 220, 300), w('2/7ẨUBND-KT', 260, 520, 300), w('Ninh', 930, 1010, 300), w('Bình,', 1020, 1110, 300), w('ngày', 1120, 1210, 300), w('(', 1240, 1250, 300), w('tháng', 1300, 1410, 300), w('8', 1420, 1440, 300), w('năm', 1460, 1540, 300), w('2021', 1550, 1640, 300)],
          ], confidence: 0.8 };
        }
        return { lines: [[w('¬n', 10, 60, 5), w('Ì', 70, 80, 5), w('máng', 90, 200, 5)]], confidence: 0.3 };
      },
    };
    return engine as unknown as OcrEngine & { layouts: Layout[] };
  }

  /** An engine that reads, call after call, the rows it is given (left column up to x 800 of an image 1818 wide), logging each call's layout. */
  function rowsRead(rows: Array<[left: string, right: string]>): OcrEngine & { layouts: Layout[] } {
    const engine = {
      layouts: [] as Layout[],
      async recognise(image: GreyImage, layout: Layout): Promise<OcrResult> {
        engine.layouts.push(layout);
        const [left, right] = rows[engine.layouts.length - 1] ?? ['', ''];
        const k = image.width / 1818;
        const words = (text: string, x: number) => text.split(' ').filter(Boolean).map((t, n): Piece => ({ text: t, x0: (x + n * 60) * k, x1: (x + n * 60 + 50) * k, y0: 4, y1: image.height - 4, origin: 'ocr', confidence: 0.95 }));
        return { lines: [[...words(left, 150), ...words(right, 900)]], confidence: 0.95 };
      },
    };
    return engine as unknown as OcrEngine & { layouts: Layout[] };
  }

  /** `engine`, also recording the height of each image it is given. */
  function measuringEngine(engine: OcrEngine & { layouts: Layout[] }): OcrEngine & { layouts: Layout[]; heights: number[] } {
    const heights: number[] = [];
    return {
      layouts: engine.layouts,
      heights,
      async recognise(image: GreyImage, layout: Layout): Promise<OcrResult> {
        heights.push(image.height);
        return engine.recognise(image, layout);
      },
    } as unknown as OcrEngine & { layouts: Layout[]; heights: number[] };
  }

  it('a signing box stamped above the header: the row first read is the national title, so the next candidate row is read, a line, not the whole top third', async () => {
    const engine = rowsRead([['ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'], ['Số: 45/KH-UBND', 'Ninh Bình, ngày 9 tháng 3 năm 2023']]);
    const ocr = new PageOcr({} as PDFPageProxy, SCAN, engine);
    ocr.useImage(rowsImage());
    const { header } = await ocr.scannedHeader();
    expect(engine.layouts).toEqual(['line', 'line']);
    expect(header.number?.value.number).toBe('45/KH-UBND');
    expect(header.date?.value.date).toBe('2023-03-09');
  });

  it('a row read that is no header row at all (garbage) is not followed down: the plain pass reads the top third', async () => {
    const engine = rowsRead([['¬n Ì', 'máng'], ['Số: 45/KH-UBND', 'Ninh Bình, ngày 9 tháng 3 năm 2023']]);
    const ocr = new PageOcr({ getViewport: () => { throw new Error('rendered sideways'); } } as unknown as PDFPageProxy, SCAN, engine);
    ocr.useImage(rowsImage());
    await ocr.scannedHeader();
    expect(engine.layouts[1]).toBe('block');
  });

  it('a pen-written `665` read `65` at one resolution and `665` at the other: the number is marked as two reads that disagree, whatever each read\'s confidence', async () => {
    const engine = rowsRead([
      ['Số: 65 /QĐ-STP', 'Thái Nguyên, ngày zn tháng 02 năm 2022'],
      ['Số: 665 /QĐ-STP', 'Thái Nguyên, ngày z. tháng 02 năm 2022'],
    ]);
    const ocr = new PageOcr({} as PDFPageProxy, SCAN, engine);
    ocr.useImage(rowsImage());
    const { header } = await ocr.scannedHeader();
    expect(engine.layouts.slice(0, 2)).toEqual(['line', 'line']);
    expect(header?.number?.value.numeral).toBe('65');
    expect(header?.number?.checked).toBe('disagree');
    expect(header?.number?.other?.numeral).toBe('665');
  });

  it('a row read that is the number/date row itself (`Số:` and the place-date line read, a pen\'s numeral and day not): the plain pass reads the header down to that row, not the whole top third', async () => {
    const engine = measuringEngine(rowsRead([['Số: ¿ Ô2/CTr-SNV', 'Lào Cai, ngày 2Š tháng 12 năm 2023']]));
    const { heights } = engine;
    const ocr = new PageOcr({} as PDFPageProxy, SCAN, engine);
    ocr.useImage(rowsImage());
    await ocr.scannedHeader();
    const block = engine.layouts.indexOf('block');
    expect(block).toBe(1);
    // The top third at 220 dpi is 857 pixels high; down to just below the number/date row (drawn at 206–228 of 1754 pixels, 302–334 at 220 dpi) some 350.
    expect(heights[block]).toBeLessThan(400);
    expect(engine.layouts).not.toContain('auto');
  });

  it('a pen stroke over the `Số:` label, OCR reading it `86:` (`86:/7//“|BB-STP`), the place-date line read with its date: the number/date row of a pen\'s numeral, so no second look at 300 dpi, no pass over the header, only the number\'s line re-read alone, and the page is not widened', async () => {
    const engine = rowsRead([['86:/7//“|BB-STP', 'Thái Nguyên, ngày 08 tháng 9 năm 2023'], ['S6:/%7iBB.STP', '']]);
    const ocr = new PageOcr({} as PDFPageProxy, SCAN, engine);
    ocr.useImage(rowsImage());
    const { header } = await ocr.scannedHeader();
    expect(header.date?.value.date).toBe('2023-09-08');
    expect(header.number).toBeNull();
    expect(engine.layouts).toEqual(['line', 'line']);
  });

  it('the number/date row with its label and date read and a pen\'s numeral read as strokes (no digit before the slash): no second look at 300 dpi, no pass over the header, only the number\'s line re-read alone', async () => {
    const row: [string, string] = ['Số: “Zt/BC:-UBND', 'Ninh Bình, ngày 26 tháng 5 năm 2023'];
    const engine = rowsRead([row, ['Số: Z2!9/BC.UBND', '']]);
    const ocr = new PageOcr({} as PDFPageProxy, SCAN, engine);
    ocr.useImage(rowsImage());
    const { header } = await ocr.scannedHeader();
    expect(header.date?.value.date).toBe('2023-05-26');
    expect(header.number).toBeNull();
    expect(engine.layouts).toEqual(['line', 'line']);
  });

  it('the same row with a printed numeral whose symbol was misread (`120/5NV-…`): the pass down to the row is still made, as it may read the number right', async () => {
    const row: [string, string] = ['Số: 120/5NV-CCHC&QLVTLT', 'Lào Cai, ngày 18 tháng 9 năm 2022'];
    const engine = rowsRead([row, row, ['Số: 120/SNV-CCHC&QLVTLT', 'Lào Cai, ngày 18 tháng 9 năm 2022']]);
    const ocr = new PageOcr({} as PDFPageProxy, SCAN, engine);
    ocr.useImage(rowsImage());
    await ocr.scannedHeader();
    expect(engine.layouts.slice(0, 3)).toEqual(['line', 'line', 'block']);
  });

  it('an upright header whose number and day do not read is never read turned over or on its side, nor the whole page: its two lines are re-read alone', async () => {
    const engine = penHeader();
    // pdf.js is never needed: the page image is turned upright or over by the reader itself; a sideways read would call the stub and fail.
    const page = { getViewport: () => { throw new Error('rendered sideways'); } } as unknown as PDFPageProxy;
    const ocr = new PageOcr(page, SCAN, engine);
    ocr.useImage(rowsImage());
    await ocr.scannedHeader();
    expect(engine.layouts.filter((l) => l === 'block')).toHaveLength(1);
    expect(engine.layouts).not.toContain('auto');
    // After the plain pass: the number line and the place-date line, each read once more alone.
    expect(engine.layouts.slice(engine.layouts.indexOf('block') + 1)).toEqual(['line', 'line']);
  });
});
