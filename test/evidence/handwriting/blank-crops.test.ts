import { describe, expect, it } from 'vitest';
import { blankCrops, findBlanks, inkBox } from '../../../pipeline/evidence/handwriting/blank-crops.js';
import type { Piece } from '../../../pipeline/evidence/layout.js';
import type { GreyImage } from '../../../pipeline/evidence/pdf-page.js';

/** OCR words of a row as `text[x0-x1]`, all 40 px tall. */
const row = (spec: string): Piece[] => spec.split(' ').map((w) => {
  const [, text = '', x0 = '0', x1 = '0'] = /^(.*)\[(\d+)-(\d+)\]$/u.exec(w) ?? [];
  return { text, x0: Number(x0), x1: Number(x1), y0: 100, y1: 140, origin: 'ocr', confidence: 0.9 };
});
const spans = (spec: string) => findBlanks(row(spec)).map((b) => [b.kind, Math.round(b.x0), Math.round(b.x1)]);

describe('findBlanks: the blanks of a header row from the printed words around them', () => {
  it('`Số: 274 /STTTT-CNTT … ngày ÄÚ tháng 12 năm 2011`: numeral, day and month between their labels', () => {
    expect(spans('Số:[185-237] 274[253-329] /STTTT-CNTT[327-598] Phú[866-932] Thọ,[945-1010] ngày[1027-1105] ÄÚ[1110-1158] tháng[1179-1271] 12[1285-1320] năm[1333-1399] 2011[1412-1487]'))
      .toEqual([['numeral', 237, 327], ['day', 1105, 1179], ['month', 1271, 1333]]);
  });
  it('`Số:46 /TB-UBND`: a label OCR merged with the ink is split by its characters', () => {
    expect(spans('Số:46[356-467] /TB-UBND[485-671]')).toEqual([['numeral', 423, 485]]);
  });
  it('`Số:Z542/UBND-`: the slash inside the merged word ends the blank', () => {
    expect(spans('Số:Z542/UBND-[175-493] KSTTHC[507-673]')).toEqual([['numeral', 248, 346]]);
  });
  it('`ngày22¿tháng`: day and month labels merged with the ink', () => {
    expect(spans('ngày22¿tháng[1339-1531] 0I[1541-1572] năm[1585-1644]')).toEqual([['day', 1403, 1451], ['month', 1531, 1585]]);
  });
  it('a row without the labels (the motto row) has no blanks', () => {
    expect(spans('CỘNG[845-960] HÒA[972-1060] XÃ[1070-1126] HỘI[1137-1213]')).toEqual([]);
  });
});

/** A white image with black rectangles. */
function image(width: number, height: number, boxes: [number, number, number, number][]): GreyImage {
  const data = new Uint8Array(width * height).fill(250);
  for (const [x0, y0, x1, y1] of boxes) for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) data[y * width + x] = 20;
  return { width, height, data, scale: 300 / 72 };
}

describe('inkBox and blankCrops', () => {
  it('an empty blank has no ink and no crops: nothing to read', () => {
    const page = image(200, 100, [[0, 40, 30, 60]]); // only the label's ink, left of the blank
    expect(inkBox(page, { x0: 40, x1: 180, y0: 20, y1: 80 })).toBeNull();
    expect(blankCrops(page, { x0: 40, x1: 180, y0: 20, y1: 80 })).toEqual([]);
  });
  it('written ink is boxed tightly with a margin, and read from three crops', () => {
    const page = image(200, 100, [[60, 35, 70, 65], [80, 30, 95, 62]]);
    const box = inkBox(page, { x0: 40, x1: 180, y0: 10, y1: 90 });
    expect(box).toEqual({ x0: 53, x1: 102, y0: 23, y1: 72 });
    const crops = blankCrops(page, { x0: 40, x1: 180, y0: 10, y1: 90 });
    expect(crops).toHaveLength(3);
    expect(crops[2]?.width).toBeGreaterThan(crops[0]?.width ?? 0);
  });
});

describe('findBlanks: `SỞ` and `soát` are not the label `Số:`', () => {
  it('the issuer row `SỞ NỘI VỤ` has no numeral blank', () => {
    expect(spans('SỞ[185-237] NỘI[300-360] VỤ[380-420] /SNV[500-600]')).toEqual([]);
  });
  it('a word `soát` has no numeral blank', () => {
    expect(spans('soát[185-260] thủ[300-360] tục/[380-420]')).toEqual([]);
  });
  it('`Số` with no colon before the ink still bounds the numeral', () => {
    expect(spans('Số[185-237] 274[253-329] /STTTT-CNTT[327-598]')).toEqual([['numeral', 237, 327]]);
  });
});
