import { describe, expect, it } from 'vitest';
import { buildLines, columnText, type Piece } from '../../pipeline/evidence/layout.js';

const piece = (text: string, x0: number, x1: number, y0: number, origin: Piece['origin'] = 'text'): Piece => ({ text, x0, x1, y0, y1: y0 + 13, origin, confidence: 1 });
const SPLIT = 274;

describe('buildLines and columnText', () => {
  it('puts a signing overlay into the blank of `Số:      /SGDĐT-GDTH`', () => {
    const lines = buildLines([piece('Số:          /SGDĐT-GDTH', 110, 240, 100), piece('1234', 140, 168, 99, 'annotation')], SPLIT);
    expect(columnText(lines, SPLIT).text).toBe('Số: 1234 /SGDĐT-GDTH');
  });

  it('puts an overlay between the pieces it falls between', () => {
    const lines = buildLines([piece('ngày', 300, 330, 100), piece('tháng 7 năm 2021', 350, 450, 100), piece('07', 333, 347, 101, 'annotation')], SPLIT);
    expect(columnText(lines, SPLIT).text).toBe('ngày 07 tháng 7 năm 2021');
  });

  it('keeps the number and the place-date line apart when they share a row', () => {
    const lines = buildLines([piece('Số: 1202/UBND-NV', 110, 210, 100), piece('Tam Đường, ngày 26 tháng 12 năm 2019', 300, 520, 100)], SPLIT);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.segments).toHaveLength(2);
  });

  it('reads a date broken over two lines of the right column as one, the left column first', () => {
    const lines = buildLines([
      piece('Số: 05/BNV-VP', 110, 200, 100),
      piece('Hà Nội, ngày 05 tháng', 320, 470, 100),
      piece('V/v hướng dẫn', 110, 200, 116),
      piece('02 năm 2024', 360, 430, 116),
    ], SPLIT);
    expect(columnText(lines, SPLIT).text).toBe('Số: 05/BNV-VP\nV/v hướng dẫn\n\nHà Nội, ngày 05 tháng\n02 năm 2024');
  });

  it('does not split a wide blank inside the left column', () => {
    const lines = buildLines([piece('Số:', 110, 130, 100), piece('/BC-STP', 175, 220, 100)], SPLIT);
    expect(lines[0]?.segments).toHaveLength(1);
  });
});
