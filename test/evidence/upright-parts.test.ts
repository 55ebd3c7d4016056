// The handwriting pass reads a turned scan upright: the parts' regions go into the turned page and
// come back to the page as displayed unchanged.
import { describe, expect, it } from 'vitest';
import { unknownPart } from '../../pipeline/evidence/field-parts.js';
import { displayedParts, uprightParts } from '../../pipeline/evidence/upright-parts.js';
import type { ExtractionParts, FieldPart } from '../../pipeline/model.js';

// A sideways A4 scan as displayed: 842 × 595 pt, the header running down its right-hand side.
const PAGE = { width: 842, height: 595 };
const at = (x0: number, y0: number, x1: number, y1: number): FieldPart => ({ status: 'handwritten', value: null, confidence: 0.5, source: 'ocr', page: 1, region: { x0, y0, x1, y1 } });
const parts = (): ExtractionParts => ({
  numeral: at(731, 153, 744, 233) as FieldPart<string>, symbol: unknownPart(), day: at(732, 396, 742, 413) as FieldPart<number>, month: unknownPart(), year: unknownPart(),
});

describe('uprightParts / displayedParts', () => {
  it('the page read turned a quarter anticlockwise (270°): its sides swap and the header on its right comes to the top', () => {
    const { parts: upright, page } = uprightParts(parts(), 270, PAGE);
    expect(page).toEqual({ width: 595, height: 842 });
    expect(upright.numeral.region?.y1).toBeLessThan(842 / 3);
    // The number in the left column, the date in the right one.
    expect(upright.day.region?.x0).toBeGreaterThan(upright.numeral.region?.x1 ?? 0);
  });

  it('what the pass attaches comes back with the region as displayed, for every turn', () => {
    for (const turn of [90, 180, 270] as const) {
      const { parts: upright } = uprightParts(parts(), turn, PAGE);
      upright.day = { ...upright.day, handwriting: { candidates: [{ value: '5', probability: 0.9 }], weakestDigit: 0.8, views: 3 } };
      const back = displayedParts(upright, turn, PAGE);
      expect(back.day.handwriting?.candidates[0]?.value).toBe('5');
      for (const key of ['numeral', 'day'] as const) {
        for (const side of ['x0', 'y0', 'x1', 'y1'] as const) expect(back[key].region?.[side]).toBeCloseTo(parts()[key].region?.[side] ?? NaN, 6);
      }
      expect(back.symbol.region).toBeNull();
    }
  });

  it('upright pages are passed as they are', () => {
    const p = parts();
    expect(uprightParts(p, 0, PAGE)).toEqual({ parts: p, page: PAGE });
    expect(displayedParts(p, 0, PAGE)).toBe(p);
  });
});
