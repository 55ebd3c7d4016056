// The header crop: the full width of page 1 around the rows the number and date were read from.
import { describe, expect, it } from 'vitest';
import { cropRegion } from '../../pipeline/audit/header-crop.js';
import { HEADER_OCR_ZONE } from '../../pipeline/evidence/decree30-layout.js';

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
