import { describe, expect, it } from 'vitest';
import { cropBand, findNumberDateRow, findNumberDateRows, otsuThreshold } from '../../pipeline/evidence/header-rows.js';
import type { GreyImage } from '../../pipeline/evidence/pdf-page.js';

/** A header as a scanner sees it, drawn with blocks: text rows are runs of letter-like strokes, rules are thin lines. */
function header(slope: number, signingBox = false, options: { sides?: boolean; mottoRule?: boolean } = {}): { image: GreyImage; x0: number } {
  const width = 1800;
  const height = signingBox ? 560 : 460;
  const down = signingBox ? 100 : 0;
  const data = new Uint8Array(width * height).fill(235);
  const x0 = Math.floor(width * 0.46);
  const ink = (x: number, y: number) => {
    const yy = Math.round(y + (x - x0) * slope);
    if (x >= 0 && x < width && yy >= 0 && yy < height) data[yy * width + x] = 30;
  };
  const text = (xa: number, xb: number, ya: number, yb: number) => {
    for (let x = xa; x < xb; x += 1) if (x % 11 < 7) for (let y = ya; y < yb; y += 1) ink(x, y);
  };
  const rule = (xa: number, xb: number, y: number) => {
    for (let x = xa; x < xb; x += 1) for (let dy = 0; dy < 2; dy += 1) ink(x, y + dy);
  };
  if (signingBox) {
    // A signing box stamped at the top right over the header (`Ký bởi`, `Cơ quan`, `Thời gian ký`), its border drawn.
    rule(1100, 1760, 10);
    for (const y of [22, 46, 70]) text(1115, 1700, y, y + 16);
    rule(1100, 1760, 92);
    if (options.sides) {
      for (let y = 10; y < 94; y += 1) for (const x of [1100, 1101, 1102, 1757, 1758, 1759]) ink(x, y);
    }
  }
  // Left column: parent body, issuing body with its short rule, the number.
  text(300, 700, down + 90, down + 122);
  text(330, 670, down + 134, down + 166);
  rule(430, 570, down + 174);
  text(320, 680, down + 200, down + 232);
  // Right column: national title, motto with its rule, the place-date line.
  text(880, 1700, down + 90, down + 122);
  text(980, 1600, down + 134, down + 166);
  if (options.mottoRule !== false) rule(980, 1600, down + 174);
  text(900, 1680, down + 200, down + 232);
  // Title under the header.
  text(600, 1200, down + 290, down + 330);
  return { image: { width, height, data, scale: 220 / 72 }, x0 };
}

describe('findNumberDateRow', () => {
  for (const degrees of [-2, -0.8, 0, 1.1, 2]) {
    it(`finds the row below the motto's rule on a page skewed ${degrees}°`, () => {
      const slope = Math.tan((degrees * Math.PI) / 180);
      const { image } = header(slope);
      const row = findNumberDateRow(image, 0.46);
      expect(row).not.toBeNull();
      expect(Math.abs((row?.y0 ?? 0) - 200)).toBeLessThanOrEqual(6);
      expect(Math.abs((row?.y1 ?? 0) - 232)).toBeLessThanOrEqual(6);
      expect(Math.abs((row?.slope ?? 0) - slope)).toBeLessThan(0.004);
    });
  }

  it('straightens the band it cuts: the row is level across the whole width', () => {
    const slope = Math.tan((1.5 * Math.PI) / 180);
    const { image } = header(slope);
    const row = findNumberDateRow(image, 0.46);
    if (!row) throw new Error('no row');
    const band = cropBand(image, row, 8);
    const inkRows = (xa: number, xb: number) => {
      const rows: number[] = [];
      for (let y = 0; y < band.height; y += 1) {
        let dark = 0;
        for (let x = xa; x < xb; x += 1) if ((band.data[y * band.width + x] ?? 255) < 128) dark += 1;
        if (dark > 0) rows.push(y);
      }
      return [Math.min(...rows), Math.max(...rows)];
    };
    const left = inkRows(320, 680);
    const right = inkRows(900, 1680);
    expect(Math.abs((left[0] ?? 0) - (right[0] ?? 0))).toBeLessThanOrEqual(3);
  });

  it('a signing box stamped above the header: its rows come first, the number/date row is the candidate below the motto\'s rule', () => {
    const { image } = header(0, true);
    const rows = findNumberDateRows(image, 0.46).map((r) => [r.y0, r.y1]);
    // The box's bottom border is the first rule with text above it: below it the national title; below the motto's rule, the row.
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(Math.abs((rows[0]?.[0] ?? 0) - 190)).toBeLessThanOrEqual(6);
    expect(Math.abs((rows[1]?.[0] ?? 0) - 300)).toBeLessThanOrEqual(6);
    expect(Math.abs((rows[1]?.[1] ?? 0) - 332)).toBeLessThanOrEqual(6);
    expect(findNumberDateRow(image, 0.46)?.y0).toBe(findNumberDateRows(image, 0.46)[0]?.y0);
  });

  for (const degrees of [0, 1.2]) {
    it(`a signing box drawn with its sides (${degrees}°): its border is no motto's rule, the number/date row is the first candidate`, () => {
      const { image } = header(Math.tan((degrees * Math.PI) / 180), true, { sides: true });
      const rows = findNumberDateRows(image, 0.46).map((r) => [r.y0, r.y1]);
      expect(Math.abs((rows[0]?.[0] ?? 0) - 300)).toBeLessThanOrEqual(6);
      expect(Math.abs((rows[0]?.[1] ?? 0) - 332)).toBeLessThanOrEqual(6);
    });
  }

  it('a box with its sides but no rule below it: its border stays the first rule (the row below it is read first)', () => {
    const { image } = header(0, true, { sides: true, mottoRule: false });
    expect(Math.abs((findNumberDateRows(image, 0.46)[0]?.y0 ?? 0) - 190)).toBeLessThanOrEqual(6);
  });

  it('without a signing box the first candidate is the number/date row, as before', () => {
    const { image } = header(0);
    expect(Math.abs((findNumberDateRows(image, 0.46)[0]?.y0 ?? 0) - 200)).toBeLessThanOrEqual(6);
  });

  it('a blank image has no row', () => {
    const blank: GreyImage = { width: 400, height: 200, data: new Uint8Array(80_000).fill(250), scale: 3 };
    expect(findNumberDateRow(blank, 0.46)).toBeNull();
    expect(findNumberDateRows(blank, 0.46)).toEqual([]);
  });

  it('Otsu separates ink from paper', () => {
    const { image } = header(0);
    const t = otsuThreshold(image);
    expect(t).toBeGreaterThanOrEqual(30);
    expect(t).toBeLessThan(235);
  });
});
